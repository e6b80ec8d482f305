using RootSeg.Annotate.Projects;
using RootSeg.Imaging.Codecs;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Annotate.Training;

/// <summary>
/// Trains while the user annotates, as RootPainter's server does (Smith et al. 2022, doi:10.1111/nph.18387): once one
/// training and one validation photo are annotated, it runs the existing <see cref="Trainer"/> one epoch at a time,
/// resuming its own checkpoint in <c>models/run</c> with the annotations as they are at that moment, so new and
/// changed annotations are picked up at the next epoch without a restart. After each epoch the network is scored on the
/// annotated validation photos (<see cref="PhotoScorer"/>); when it beats the best model (re-scored whenever the
/// validation annotations change) it becomes <c>models/best.safetensors</c>. The first epoch's model is kept whatever
/// its score, so that the page has a segmentation to correct. Between epochs it segments the photos the page asked
/// for with the best model. Everything it needs to go on lives in the project folder, so it resumes after a restart.
/// </summary>
/// <remarks>All torch work happens on the trainer's own thread; the other members only queue work and read status.</remarks>
public sealed class BackgroundTrainer : IDisposable
{
    private readonly AnnotationProject _project;
    private readonly AnnotateTrainingOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _queueLock = new();
    private readonly List<string> _queue = [];
    private readonly IDatasetReader _reader = new ImagingDatasetReader();
    private Thread? _thread;
    private volatile TrainerStatus _status;
    private TrainerState _state;
    private string? _failedFingerprint;

    /// <summary>Prepares the trainer of <paramref name="project"/>; <see cref="Start"/> starts it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidDataException">models/annotate.json is malformed.</exception>
    public BackgroundTrainer(AnnotationProject project, AnnotateTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(options);
        options.ToTrainingOptions(1);
        (_project, _options) = (project, options);
        _state = TrainerState.Read(StatePath);
        _status = new TrainerStatus("waiting", "not started", CompletedEpochs(), _state.BestEpoch, _state.BestF1,
            File.Exists(BestModelPath) ? _state.ModelVersion : 0, 0, 0);
    }

    /// <summary>models/best.safetensors: the model that segments the photos.</summary>
    public string BestModelPath => Path.Combine(_project.ModelDirectory, "best.safetensors");

    private string RunDirectory => Path.Combine(_project.ModelDirectory, "run");

    private string StatePath => Path.Combine(_project.ModelDirectory, "annotate.json");

    /// <summary>What the trainer is doing now.</summary>
    public TrainerStatus Status => _status;

    /// <summary>Starts the trainer's thread.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }
        _thread = new Thread(Loop) { IsBackground = true, Name = "rootseg annotate trainer" };
        _thread.Start();
    }

    /// <summary>Tells the trainer that annotations changed, so that it looks again without waiting.</summary>
    public void Notify() => _wake.Release();

    /// <summary>Whether a photo's segmentation exists and was made by the current best model.</summary>
    public bool IsSegmentationFresh(string photo)
    {
        var path = _project.SegmentationPath(photo);
        return File.Exists(path) && File.Exists(BestModelPath)
            && File.GetLastWriteTimeUtc(path) >= File.GetLastWriteTimeUtc(BestModelPath);
    }

    /// <summary>Asks for photos to be segmented with the best model, the first soonest.</summary>
    /// <param name="photos">Photo file names of the project.</param>
    public void RequestSegmentation(params string[] photos)
    {
        lock (_queueLock)
        {
            foreach (var photo in photos.Reverse())
            {
                _queue.Remove(photo);
                _queue.Insert(0, photo);
            }
        }
        _wake.Release();
    }

    /// <summary>Stops after the current training step (with a checkpoint) and waits for the thread.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _wake.Release();
        _thread?.Join();
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Loop()
    {
        Module? network = null;
        LoadedModel? best = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                best = SegmentQueued(best);
                var data = AnnotatedData.Of(_project);
                if (!data.Ready || data.Fingerprint == _failedFingerprint)
                {
                    if (!data.Ready)
                    {
                        SetStatus("waiting", "training starts once one training and one validation photo are annotated", data);
                    }
                    _wake.Wait(TimeSpan.FromSeconds(2), _stop.Token);
                    continue;
                }
                network ??= CreateNetwork();
                try
                {
                    if (RunEpoch(network, data))
                    {
                        best?.Dispose();
                        best = null;
                    }
                }
                catch (InvalidDataException e)
                {
                    // For example no sampled tile holds a root pixel yet: wait for the annotations to change.
                    _failedFingerprint = data.Fingerprint;
                    SetStatus("waiting", e.Message, data);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _status = _status with { State = "error", Message = e.Message };
        }
        finally
        {
            best?.Dispose();
            network?.Dispose();
        }
        if (_status.State != "error")
        {
            _status = _status with { State = "stopped", Message = "stopped" };
        }
    }

    private Module CreateNetwork()
    {
        var device = Device.Parse(_options.Device);
        var wanted = _options.Describe();
        if (_options.InitModel is not null)
        {
            var loaded = ModelFile.Load(_options.InitModel, device, _options.Groups);
            var d = loaded.Description;
            if (d.Network != wanted.Network || d.BaseWidth != wanted.BaseWidth || d.Groups != wanted.Groups)
            {
                loaded.Dispose();
                throw new InvalidDataException($"{_options.InitModel}: a {d.Network} of width {d.BaseWidth} with " +
                    $"{d.Groups} groups; start the project with --network {d.Network} --width {d.BaseWidth} --groups {d.Groups}");
            }
            return loaded.Network;
        }
        return TrainingSession.NewNetwork(_options.ToTrainingOptions(1), device);
    }

    // One epoch on the annotations as they are now; true when a new best model was saved.
    private bool RunEpoch(Module network, AnnotatedData data)
    {
        var training = data.Load(_reader);
        try
        {
            var epochs = CompletedEpochs() + 1;
            SetStatus("training", $"epoch {epochs}", data);
            var observer = new StatusObserver(message => _status = _status with { Message = message });
            var trainer = new Trainer(_options.ToTrainingOptions(epochs), RootSegmentationLoss.Compute, observer);
            var resume = File.Exists(new RunFiles(RunDirectory).Checkpoint);
            var outcome = trainer.Run(network, training, _options.Describe(), RunDirectory, resume, _stop.Token);
            if (!outcome.Completed || observer.Last is not { } record)
            {
                return false;
            }
            return Choose(network, training, data, record);
        }
        finally
        {
            foreach (var image in training.Train.Concat(training.Validation))
            {
                image.Dispose();
            }
        }
    }

    private bool Choose(Module network, TrainingData training, AnnotatedData data, EpochRecord record)
    {
        var device = Device.Parse(_options.Device);
        network.Eval();
        var current = Score(network, training.Validation);
        var bestF1 = _state.BestF1;
        var haveBest = File.Exists(BestModelPath);
        if (haveBest && _state.ValidationHash != data.ValidationFingerprint)
        {
            using var loaded = ModelFile.Load(BestModelPath, device, _options.Groups);
            bestF1 = NullIfNaN(Score(loaded.Network, training.Validation));
        }
        var improved = !haveBest || (!double.IsNaN(current) && (bestF1 is null || current > bestF1));
        if (improved)
        {
            var description = _options.Describe() with
            {
                Epoch = record.Epoch,
                Metrics = new Dictionary<string, double> { ["validation_f1"] = double.IsNaN(current) ? -1 : current },
                DataHashes = data.Hashes,
            };
            ModelFile.Save(BestModelPath, network, description);
            _state = new TrainerState(record.Epoch, NullIfNaN(current), data.ValidationFingerprint, _state.ModelVersion + 1);
        }
        else
        {
            _state = _state with { BestF1 = bestF1, ValidationHash = data.ValidationFingerprint };
        }
        _state.Write(StatePath);
        SetStatus("training", improved ? $"epoch {record.Epoch}: new best model" : $"epoch {record.Epoch} done", data);
        network.Train();
        return improved;
    }

    private double Score(Module network, IReadOnlyList<TrainingImage> validation)
    {
        var inference = InferenceNetwork.For(network, _options.Describe(), Device.Parse(_options.Device));
        return PhotoScorer.Score(new Segmenter(inference), validation).F1;
    }

    private LoadedModel? SegmentQueued(LoadedModel? best)
    {
        while (!_stop.IsCancellationRequested && File.Exists(BestModelPath))
        {
            string photo;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    break;
                }
                photo = _queue[0];
                _queue.RemoveAt(0);
            }
            if (IsSegmentationFresh(photo))
            {
                continue;
            }
            best ??= ModelFile.Load(BestModelPath, Device.Parse(_options.Device), _options.Groups);
            var segmenter = new Segmenter(InferenceNetwork.FromModel(best, Device.Parse(_options.Device)));
            using var rgb = ImageFile.ReadRgb(_project.PhotoPath(photo));
            using var result = segmenter.Segment(rgb);
            using var rgba = SegmentationImage.FromMask(result.Mask);
            ImageFile.Write(_project.SegmentationPath(photo), rgba);
        }
        return best;
    }

    private int CompletedEpochs()
    {
        var files = new RunFiles(RunDirectory);
        return File.Exists(files.Checkpoint) ? Checkpoint.ReadState(files).CompletedEpochs : 0;
    }

    private void SetStatus(string state, string message, AnnotatedData data) =>
        _status = new TrainerStatus(state, message, CompletedEpochs(), _state.BestEpoch, _state.BestF1,
            File.Exists(BestModelPath) ? _state.ModelVersion : 0, data.Train.Count, data.Validation.Count);

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}

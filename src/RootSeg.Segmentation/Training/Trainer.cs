using System.Diagnostics;
using System.Text.Json;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;
using RootSeg.Torch.Optim;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// The training loop of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0): every epoch new tiles are sampled and augmented, the network takes SGD steps on
/// batches of them, then it is validated on every validation tile, and the weights of the epoch with the best
/// pooled validation F1 are kept. A checkpoint is written after every epoch, and on cancellation after the current
/// step, so that a resumed run continues with the same tiles, augmentations and updates as one never stopped.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions _options;
    private readonly LossFunction _loss;
    private readonly ITrainingObserver? _observer;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Run settings; checked here.</param>
    /// <param name="loss">The loss to minimise.</param>
    /// <param name="observer">Receives progress; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Trainer(TrainingOptions options, LossFunction loss, ITrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loss);
        options.Validate();
        (_options, _loss, _observer) = (options, loss, observer);
    }

    /// <summary>
    /// Trains <paramref name="network"/> in place, writing log.csv, best.safetensors (+ best.json) and the checkpoint
    /// into <paramref name="runDirectory"/>.
    /// </summary>
    /// <param name="network">The network (initialised, or with the weights to fine-tune); moved to the options' device.
    /// On resume its weights are replaced by the checkpoint's.</param>
    /// <param name="data">Training and validation images; at least one of each.</param>
    /// <param name="description">Describes the network for the best model's file (epoch, metrics, versions, seeds
    /// and data hashes are filled in here).</param>
    /// <param name="runDirectory">The run folder; created when missing.</param>
    /// <param name="resume">Continue from the folder's checkpoint; without it a folder that holds one is refused.</param>
    /// <param name="cancellationToken">Stops after the current training step or validation batch with a checkpoint
    /// (Ctrl-C).</param>
    /// <returns>Whether the run finished, and its best epoch.</returns>
    /// <exception cref="IOException">A fresh run was asked for in a folder that holds a checkpoint.</exception>
    /// <exception cref="InvalidOperationException">The options differ from those of the checkpoint being resumed
    /// (only epochs, workers and device may change).</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite.</exception>
    public TrainingOutcome Run(Module network, TrainingData data, ModelDescription description, string runDirectory,
        bool resume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        if (data.Train.Count == 0)
        {
            throw new ArgumentException("there are no training images", nameof(data));
        }
        if (data.Validation.Count == 0)
        {
            throw new ArgumentException("there are no validation images (the best epoch is chosen on them)", nameof(data));
        }
        Directory.CreateDirectory(runDirectory);
        var files = new RunFiles(runDirectory);
        var device = Device.Parse(_options.Device);
        network.To(device);
        if (_options.ChannelsLast)
        {
            network.ToChannelsLast();
        }
        EncoderTraining.Freeze(network, _options);
        EncoderTraining.EnterTraining(network, _options);
        var (trainable, scales) = EncoderTraining.Trainable(network, _options);
        var (optimizer, scheduler) = OptimizerSetup.Create(_options, trainable, scales);
        using var disposeOptimizer = optimizer;

        var state = resume ? Resume(files, network, optimizer, data) : Fresh(files, data);
        optimizer.LearningRate = state.LearningRate;
        if (scheduler is not null)
        {
            scheduler.LastEpoch = state.SchedulerEpoch;
        }

        var geometry = new TileGeometry(_options.InputTile, _options.OutputTile);
        var augmentation = new AugmentationOptions
        {
            Seed = _options.Seed,
            BatchSize = _options.BatchSize,
            Workers = _options.Workers,
            Geometry = geometry,
            CandidatesPerImage = _options.CandidatesPerImage,
            MaxTilesPerImage = _options.TilesPerImage(data.Train.Count),
        };
        using IBatchSource batches = _options.AugmentOnDevice
            ? new DeviceBatchSource(data.Train, augmentation, device, _options.Seed, _options.ChannelsLast)
            : new HostBatchSource(new AugmentationPipeline(data.Train, augmentation), device, _options.ChannelsLast);
        var session = new SessionClock();
        for (var epoch = state.CompletedEpochs + 1; epoch <= _options.Epochs; epoch++)
        {
            var resuming = state.InProgress is { } partial && partial.Epoch == epoch;
            var progress = resuming ? state.InProgress! : EpochProgress.Start(epoch);
            if (!resuming)
            {
                var plan = EpochPlan.Next(_options, state);
                if (plan.StopReason is not null)
                {
                    return new TrainingOutcome(true, state.CompletedEpochs, state.BestEpoch, state.BestF1, files)
                    {
                        StoppedEarly = plan.StopReason,
                    };
                }
                state = state with { PlannedEpochs = plan.PlannedEpochs };
            }
            progress = TrainEpoch(network, optimizer, batches, progress, state, files, session, cancellationToken,
                out var stop);
            if (stop != EpochStop.None)
            {
                Checkpoint.Save(files, network, optimizer, state with { InProgress = progress, LearningRate = optimizer.LearningRate });
                return stop == EpochStop.Budget
                    ? new TrainingOutcome(true, state.CompletedEpochs, state.BestEpoch, state.BestF1, files)
                    {
                        StoppedEarly = EpochPlan.BudgetSpent(_options.Minutes!.Value),
                    }
                    : new TrainingOutcome(false, state.CompletedEpochs, state.BestEpoch, state.BestF1, files);
            }

            var started = Stopwatch.GetTimestamp();
            var validation = Validate(network, data.Validation, geometry, device, cancellationToken);
            EncoderTraining.EnterTraining(network, _options);
            if (validation is null)
            {
                // Training of the epoch is done; a resumed run validates it again from the start.
                Checkpoint.Save(files, network, optimizer, state with { InProgress = progress, LearningRate = optimizer.LearningRate });
                return new TrainingOutcome(false, state.CompletedEpochs, state.BestEpoch, state.BestF1, files);
            }
            var seconds = progress.Seconds + Stopwatch.GetElapsedTime(started).TotalSeconds;
            var train = new EpochMetrics(progress.LossSum / Math.Max(1, progress.NextBatch), progress.Counts);
            var record = new EpochRecord(epoch, train, validation, optimizer.LearningRate, seconds);
            scheduler?.Step();

            var isBest = !double.IsNaN(validation.F1) && (double.IsNaN(state.BestF1) || validation.F1 > state.BestF1);
            state = state with
            {
                CompletedEpochs = epoch,
                InProgress = null,
                LearningRate = optimizer.LearningRate,
                SchedulerEpoch = scheduler?.LastEpoch ?? 0,
                CompletedSteps = state.CompletedSteps + progress.NextBatch,
                BestF1 = isBest ? validation.F1 : state.BestF1,
                BestEpoch = isBest ? epoch : state.BestEpoch,
                Records = [.. state.Records, record],
            };
            TrainingLog.Write(files.Log, state.Records);
            if (isBest)
            {
                ModelFile.Save(files.BestModel, network, Describe(description, record, state));
            }
            if (_options.KeepEpochModels)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(files.EpochModel(epoch))!);
                ModelFile.Save(files.EpochModel(epoch), network, Describe(description, record, state));
            }
            Checkpoint.Save(files, network, optimizer, state);
            _observer?.OnEpoch(record, isBest);
            if (cancellationToken.IsCancellationRequested && epoch < _options.Epochs)
            {
                return new TrainingOutcome(false, state.CompletedEpochs, state.BestEpoch, state.BestF1, files);
            }
            if (_options.Patience > 0 && state.BestEpoch is { } best && epoch - best >= _options.Patience && epoch < _options.Epochs)
            {
                return new TrainingOutcome(true, state.CompletedEpochs, state.BestEpoch, state.BestF1, files)
                {
                    StoppedEarly = $"the validation F1 has not improved for {_options.Patience} epochs (patience)",
                };
            }
        }
        return new TrainingOutcome(true, state.CompletedEpochs, state.BestEpoch, state.BestF1, files);
    }

    private EpochProgress TrainEpoch(Module network, Optimizer optimizer, IBatchSource source,
        EpochProgress progress, CheckpointState state, RunFiles files, SessionClock session,
        CancellationToken cancellationToken, out EpochStop stop)
    {
        stop = EpochStop.None;
        var epochTiles = source.EpochTiles(progress.Epoch);
        if (epochTiles == 0)
        {
            throw new InvalidDataException(
                $"epoch {progress.Epoch}: none of the {_options.CandidatesPerImage} candidate tiles per training image holds a root pixel");
        }
        var batches = (epochTiles + _options.BatchSize - 1) / _options.BatchSize;
        if (progress.NextBatch >= batches)
        {
            return progress;
        }
        if (cancellationToken.IsCancellationRequested)
        {
            stop = EpochStop.Cancelled;
            return progress;
        }
        var started = Stopwatch.GetTimestamp();
        var secondsBefore = progress.Seconds;
        var last = started;
        var lastGood = File.Exists(files.Checkpoint) ? files.Checkpoint : null;
        var secondsOfEarlierEpochs = state.Records.Sum(r => r.Seconds);
        foreach (var batch in source.ReadEpoch(progress.Epoch, progress.NextBatch))
        {
            if (_options.Schedule != ScheduleNames.Step)
            {
                var planned = state.PlannedEpochs ?? _options.Epochs;
                optimizer.LearningRate = LearningRateSchedule.At(_options.Schedule, _options.LearningRate,
                    _options.WarmupSteps, state.CompletedSteps + batch.Index,
                    LearningRateSchedule.Progress(progress.Epoch, batch.Index, batches, planned));
            }
            var (loss, counts) = Step(network, optimizer, batch, progress.Epoch, lastGood);
            progress = progress with
            {
                NextBatch = batch.Index + 1,
                LossSum = progress.LossSum + loss,
                Counts = progress.Counts + counts,
                Seconds = secondsBefore + Stopwatch.GetElapsedTime(started).TotalSeconds,
            };
            // Wall time between steps, so the rate includes any wait for augmented batches.
            session.Add(batch.Count, Stopwatch.GetElapsedTime(last).TotalSeconds);
            last = Stopwatch.GetTimestamp();
            // Null without a budget, which a comparison never finds spent.
            var budgetLeft = _options.Minutes * 60 - (secondsOfEarlierEpochs + progress.Seconds);
            _observer?.OnStep(new StepReport(progress.Epoch, state.PlannedEpochs ?? _options.Epochs, progress.NextBatch, batches,
                Math.Min(epochTiles, progress.NextBatch * _options.BatchSize), epochTiles, loss, session.Tiles,
                session.Seconds, budgetLeft));
            if (cancellationToken.IsCancellationRequested && progress.NextBatch < batches)
            {
                stop = EpochStop.Cancelled;
                return progress;
            }
            if (budgetLeft <= 0 && progress.NextBatch < batches)
            {
                stop = EpochStop.Budget;
                return progress;
            }
        }
        return progress;
    }

    private (double Loss, ConfusionCounts Counts) Step(Module network, Optimizer optimizer, StepBatch batch, int epoch,
        string? checkpoint)
    {
        using var scope = TensorScope.Enter();
        using var owned = batch;
        var (target, labelled) = (batch.Target, batch.Labelled);
        optimizer.ZeroGrad();
        var logits = Forward(network, batch.Input);
        var loss = _loss(logits, target, labelled);
        var value = loss.Item();
        if (!double.IsFinite(value))
        {
            throw new NonFiniteLossException(epoch, batch.Index, value, checkpoint);
        }
        loss.Backward();
        optimizer.Step();
        return (value, ConfusionCounter.Count(logits, target, labelled));
    }

    // Float32 logits; with bfloat16 precision the network runs under autocast, and the loss and backward pass outside.
    private Tensor Forward(Module network, Tensor input)
    {
        if (_options.Precision == ComputePrecision.Float32)
        {
            return network.Forward(input);
        }
        using var scope = TensorScope.Enter();
        Tensor logits;
        using (AutocastScope.Enter(input.Device))
        {
            logits = network.Forward(input);
        }
        return scope.Keep(logits.To(ScalarType.Float32));
    }

    // Null when cancelled part-way.
    private EpochMetrics? Validate(Module network, IReadOnlyList<TrainingImage> images, TileGeometry geometry,
        Device device, CancellationToken cancellationToken)
    {
        network.Eval();
        using var noGrad = NoGradScope.Enter();
        double lossSum = 0;
        var batches = 0;
        IReadOnlyList<double> thresholds = _options.TuneThreshold ? ThresholdCandidates : [0.5];
        var counts = new ConfusionCounts[thresholds.Count];
        foreach (var batch in AugmentationPipeline.ValidationBatches(images, geometry, _options.ValidationBatchSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            using var scope = TensorScope.Enter();
            using var tensors = HostBatchSource.ToTensors(batch, device, _options.ChannelsLast);
            batch.Dispose();
            var (target, labelled) = (tensors.Target, tensors.Labelled);
            var logits = Forward(network, tensors.Input);
            lossSum += _loss(logits, target, labelled).Item();
            var batchCounts = ConfusionCounter.Count(Functional.Softmax(logits, 1).Select(1, 1), target, labelled, thresholds);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += batchCounts[i];
            }
            batches++;
        }
        // The best F1; among equals the threshold nearest the paper's 0.5.
        var best = Enumerable.Range(0, counts.Length)
            .OrderByDescending(i => double.IsNaN(counts[i].F1) ? double.NegativeInfinity : counts[i].F1)
            .ThenBy(i => Math.Abs(thresholds[i] - 0.5))
            .First();
        return new EpochMetrics(lossSum / Math.Max(1, batches), counts[best]) { Threshold = thresholds[best] };
    }

    /// <summary>The thresholds tried with <see cref="TrainingOptions.TuneThreshold"/>: 0.30 to 0.90 in steps of 0.05.</summary>
    public static IReadOnlyList<double> ThresholdCandidates { get; } =
        Enumerable.Range(6, 13).Select(i => Math.Round(i * 0.05, 2)).ToArray();

    private CheckpointState Fresh(RunFiles files, TrainingData data)
    {
        if (File.Exists(files.Checkpoint))
        {
            throw new IOException(
                $"{files.Directory} already holds a checkpoint; resume it (--resume) or train into another folder");
        }
        return new CheckpointState
        {
            Options = _options,
            CompletedEpochs = 0,
            LearningRate = _options.LearningRate,
            SchedulerEpoch = 0,
            Threads = Engine.Threads,
            Device = _options.Device,
            TorchVersion = Engine.TorchVersion,
            RootSegVersion = Version,
            DataHashes = data.DataHashes,
        };
    }

    private CheckpointState Resume(RunFiles files, Module network, Optimizer optimizer, TrainingData data)
    {
        var state = Checkpoint.Load(files, network, optimizer);
        // Only the length of the run and where it runs may change on resume; the rest fixes the updates.
        var expected = state.Options with
        {
            Epochs = _options.Epochs,
            Minutes = _options.Minutes,
            Patience = _options.Patience,
            Workers = _options.Workers,
            Device = _options.Device,
            KeepEpochModels = _options.KeepEpochModels,
        };
        if (expected != _options)
        {
            throw new InvalidOperationException(
                $"{files.Checkpoint} was trained with other options than these: {Differences(expected, _options)}");
        }
        if (state.Threads != Engine.Threads)
        {
            _observer?.OnNotice(
                $"the checkpoint was trained with {state.Threads} libtorch threads, this run uses {Engine.Threads}: " +
                "CPU results will not be bit-for-bit those of an uninterrupted run");
        }
        var changed = data.DataHashes.Where(h => !state.DataHashes.TryGetValue(h.Key, out var old) || old != h.Value)
            .Select(h => h.Key).Concat(state.DataHashes.Keys.Where(k => !data.DataHashes.ContainsKey(k))).ToList();
        if (changed.Count > 0)
        {
            _observer?.OnNotice($"{changed.Count} data file(s) differ from the checkpoint's, e.g. {changed[0]}");
        }
        var position = state.InProgress is { } p ? $"epoch {p.Epoch}, batch {p.NextBatch + 1}" : $"epoch {state.CompletedEpochs + 1}";
        _observer?.OnNotice($"resuming {files.Checkpoint} at {position}");
        return state with { Options = _options, Threads = Engine.Threads, Device = _options.Device };
    }

    private ModelDescription Describe(ModelDescription template, EpochRecord record, CheckpointState state) =>
        template with
        {
            Epoch = record.Epoch,
            Threshold = _options.TuneThreshold ? record.Validation.Threshold : template.Threshold,
            Metrics = new Dictionary<string, double>
            {
                ["validation_f1"] = record.Validation.F1,
                ["validation_precision"] = record.Validation.Precision,
                ["validation_recall"] = record.Validation.Recall,
                ["validation_loss"] = record.Validation.Loss,
                ["train_f1"] = record.Train.F1,
                ["train_loss"] = record.Train.Loss,
            },
            Seeds = new Dictionary<string, ulong> { ["training"] = _options.Seed },
            RootSegVersion = Version,
            TorchVersion = Engine.TorchVersion,
            DataHashes = state.DataHashes,
            Source = template.Source ?? "rootseg train",
        };

    private static string Differences(TrainingOptions a, TrainingOptions b)
    {
        var first = JsonSerializer.SerializeToElement(a);
        var second = JsonSerializer.SerializeToElement(b);
        return string.Join(", ", first.EnumerateObject()
            .Where(p => p.Value.GetRawText() != second.GetProperty(p.Name).GetRawText())
            .Select(p => $"{p.Name} {p.Value.GetRawText()} there, {second.GetProperty(p.Name).GetRawText()} here"));
    }

    private static string Version =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(
            typeof(Trainer).Assembly)?.InformationalVersion ?? "unknown";

    private enum EpochStop
    {
        None,
        Cancelled,
        Budget,
    }

    private sealed class SessionClock
    {
        public long Tiles { get; private set; }

        public double Seconds { get; private set; }

        public void Add(int tiles, double seconds)
        {
            Tiles += tiles;
            Seconds += seconds;
        }
    }
}

using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// A whole training run from files, as <c>rootseg train</c> does it: reads the split and the images, fingerprints
/// the data, builds the paper's network (He-initialised from the run's seed, or with the weights of an existing
/// model to fine-tune), and trains it with the paper's loss, Dice + 0.3 x cross-entropy over labelled pixels (Smith
/// et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
public static class TrainingSession
{
    /// <summary>The options stored in the checkpoint of <paramref name="runDirectory"/>, to resume that run.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no checkpoint.</exception>
    public static TrainingOptions OptionsToResume(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return Checkpoint.ReadState(new RunFiles(runDirectory)).Options;
    }

    /// <summary>Runs (or resumes) the training that <paramref name="request"/> describes.</summary>
    /// <param name="request">Data, run folder and options.</param>
    /// <param name="reader">Decodes photos and annotations.</param>
    /// <param name="observer">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops after the current step with a checkpoint.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="FileNotFoundException">The split or a data file is missing.</exception>
    /// <exception cref="InvalidDataException">The split, the init model or the tile size does not fit.</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite.</exception>
    /// <exception cref="OutputInUseException">Another live run trains into the run folder.</exception>
    public static TrainingOutcome Run(TrainingRequest request, IDatasetReader reader, ITrainingObserver? observer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        var options = request.Options;
        options.Validate();
        var device = Device.Parse(options.Device);

        var splitPath = request.SplitPath ?? Path.Combine(request.DataDirectory, DatasetSplit.FileName);
        if (!File.Exists(splitPath))
        {
            throw new FileNotFoundException(
                $"{splitPath}: no split file; make one with 'rootseg split --data {request.DataDirectory}' or pass --split", splitPath);
        }
        var split = DatasetSplit.Load(splitPath);
        var index = DatasetIndex.Scan(request.DataDirectory);
        var used = new HashSet<string>(split.Train.Concat(split.Validation), StringComparer.Ordinal);
        var hashes = DataHashes.Of(index.Directory, index.Pairs.Where(p => used.Contains(p.Stem)));

        // One trainer per run folder: a second one would overwrite the first's checkpoints and log.
        using var runLock = OutputLock.ForFolder(request.RunDirectory, OutputRun.OfThisProcess("train", false,
            ("data", Path.GetFullPath(request.DataDirectory)), ("split", Path.GetFullPath(splitPath)), ("resume", request.Resume)));
        Module? network = null;
        var train = DatasetLoader.Load(index, split.Train, reader);
        try
        {
            var validation = DatasetLoader.Load(index, split.Validation, reader);
            try
            {
                (network, options) = Build(options, device, request.Resume, observer);
                var description = Describe(options) with
                {
                    Source = options.InitModel is null ? "rootseg train" : $"rootseg train, fine-tuned from {options.InitModel}",
                };
                var trainer = new Trainer(options, Loss, observer);
                return trainer.Run(network, new TrainingData(train, validation, hashes), description,
                    request.RunDirectory, request.Resume, cancellationToken);
            }
            finally
            {
                foreach (var image in validation)
                {
                    image.Dispose();
                }
            }
        }
        finally
        {
            foreach (var image in train)
            {
                image.Dispose();
            }
            network?.Dispose();
        }
    }

    private static (Module Network, TrainingOptions Options) Build(TrainingOptions options, Device device, bool resume,
        ITrainingObserver? observer)
    {
        if (options.InitModel is not null && !resume)
        {
            var loaded = ModelFile.Load(options.InitModel, device, options.Groups);
            var d = loaded.Description;
            var wanted = Describe(options);
            if (d.BaseWidth != wanted.BaseWidth || d.Groups != wanted.Groups || d.Network != wanted.Network
                || d.Depth != wanted.Depth || d.Norm != wanted.Norm || d.Residual != wanted.Residual)
            {
                observer?.OnNotice(
                    $"fine-tuning {options.InitModel}: {d.Network} of width {d.BaseWidth} with {d.Groups} groups " +
                    $"(instead of {options.Network} of width {options.BaseWidth}, {options.Groups} groups)");
                options = options with
                {
                    Network = d.Network,
                    BaseWidth = d.BaseWidth,
                    Groups = d.Groups,
                    Depth = d.Depth ?? options.Depth,
                    Norm = d.Norm ?? options.Norm,
                    Residual = d.Residual ?? options.Residual,
                };
            }
            return (loaded.Network, options);
        }
        return (NewNetwork(options, device), options);
    }

    /// <summary>
    /// The untrained network that <paramref name="options"/> describe: He-initialised from the run's seed, its encoder
    /// (if it has one) with ImageNet weights when <see cref="TrainingOptions.Pretrained"/> says so. On resume the
    /// checkpoint's weights replace these.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <param name="device">Where the network's tensors live.</param>
    /// <returns>The network; the caller disposes it.</returns>
    /// <exception cref="Torch.Serialization.WeightFileException">The ImageNet weights cannot be read.</exception>
    public static Module NewNetwork(TrainingOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        Engine.ManualSeed(options.Seed);
        var network = NetworkFactory.Create(Describe(options), device);
        if (options.Pretrained == PretrainedNames.ImageNet && network is ResNetUNet resnet)
        {
            try
            {
                ImageNetResNet18.LoadInto(resnet.Encoder);
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }
        return network;
    }

    /// <summary>The description of the network that <paramref name="options"/> train.</summary>
    public static ModelDescription Describe(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var same = options.Network == NetworkNames.UNetSame;
        var resnet = options.Network == NetworkNames.ResNet18UNet;
        return new ModelDescription
        {
            Network = options.Network,
            BaseWidth = options.BaseWidth,
            Groups = resnet ? 1 : options.Groups,
            InputTile = options.InputTile,
            OutputTile = options.OutputTile,
            Depth = same ? options.Depth : null,
            Norm = same ? options.Norm : resnet ? NormKind.Batch : null,
            Residual = same ? options.Residual : null,
            EncoderWeights = resnet ? EncoderOrigin(options.Pretrained) : null,
            EncoderBlocks = resnet ? ImageNetResNet18.Blocks : null,
            EncoderInput = resnet ? ResNetEncoder.InputConvention : null,
        };
    }

    private static string EncoderOrigin(string pretrained) =>
        pretrained == PretrainedNames.ImageNet ? ImageNetResNet18.Origin() : PretrainedNames.None;

    private static Tensor Loss(Tensor logits, Tensor target, Tensor labelled) =>
        RootSegmentationLoss.Compute(logits, target, labelled);
}

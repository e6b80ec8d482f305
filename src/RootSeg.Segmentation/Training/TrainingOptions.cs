using RootSeg.Segmentation.Models;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Settings of a training run. The defaults are those of Smith et al. 2020, "Segmentation of roots in soil with
/// U-Net", Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0): SGD with Nesterov momentum 0.99, learning rate 0.01,
/// weight decay 1e-5, the rate x0.3 every 30 epochs, batches of 4 tiles of 572x572 (388x388 out), 80 epochs, 90
/// candidate tiles per image of which at most 40 with roots. Stored in checkpoints, so a resumed run uses the same.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Epochs to train (1 or more).</summary>
    public int Epochs { get; init; } = 80;

    /// <summary>Tiles per optimiser step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Tiles per forward pass during validation (only memory and speed depend on it).</summary>
    public int ValidationBatchSize { get; init; } = 4;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.99;

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>L2 weight decay added to the gradients by SGD.</summary>
    public double WeightDecay { get; init; } = 1e-5;

    /// <summary>
    /// The rate is multiplied by <see cref="LearningRateGamma"/> after every this many epochs: epochs 1-30 use 0.01,
    /// 31-60 use 0.003, and so on. (The reference code steps its MultiStepLR at the start of each epoch, an older
    /// PyTorch idiom that drops the rate one epoch early; this is the schedule the paper states.)
    /// </summary>
    public int LearningRateStepEpochs { get; init; } = 30;

    /// <summary>Factor applied to the rate every <see cref="LearningRateStepEpochs"/> epochs.</summary>
    public double LearningRateGamma { get; init; } = 0.3;

    /// <summary>Seed of network initialisation, tile sampling, shuffling and augmentation.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Network architecture; see <see cref="NetworkNames"/>.</summary>
    public string Network { get; init; } = NetworkNames.UNetGN;

    /// <summary>Channels of the network's first level (64 in the paper).</summary>
    public int BaseWidth { get; init; } = 64;

    /// <summary>GroupNorm groups (32 in the paper).</summary>
    public int Groups { get; init; } = 32;

    /// <summary>Input tile side; must be a valid input size of the network.</summary>
    public int InputTile { get; init; } = 572;

    /// <summary>Output tile side the network gives for <see cref="InputTile"/>.</summary>
    public int OutputTile { get; init; } = 388;

    /// <summary>Random candidate tiles per training image and epoch.</summary>
    public int CandidatesPerImage { get; init; } = 90;

    /// <summary>At most this many candidates with root pixels kept per image and epoch.</summary>
    public int MaxTilesPerImage { get; init; } = 40;

    /// <summary>Threads that build augmented batches while the network trains (at least 1).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Model whose weights start the run instead of random initialisation (fine-tuning); null for none.</summary>
    public string? InitModel { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        Positive(Epochs, nameof(Epochs));
        Positive(BatchSize, nameof(BatchSize));
        Positive(ValidationBatchSize, nameof(ValidationBatchSize));
        Positive(LearningRateStepEpochs, nameof(LearningRateStepEpochs));
        Positive(BaseWidth, nameof(BaseWidth));
        Positive(Groups, nameof(Groups));
        Positive(CandidatesPerImage, nameof(CandidatesPerImage));
        Positive(MaxTilesPerImage, nameof(MaxTilesPerImage));
        Positive(Workers, nameof(Workers));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be a finite number > 0");
        }
        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "must be in [0, 1)");
        }
        if (Nesterov && Momentum == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Nesterov), "Nesterov momentum needs Momentum > 0");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be a finite number >= 0");
        }
        if (!(LearningRateGamma > 0) || double.IsInfinity(LearningRateGamma))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRateGamma), LearningRateGamma, "must be a finite number > 0");
        }
        if (BaseWidth % Groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Groups), Groups, $"must divide the base width {BaseWidth}");
        }
        if (OutputTile < 1 || InputTile <= OutputTile || (InputTile - OutputTile) % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputTile), OutputTile,
                $"must be smaller than the input tile {InputTile} by an even number of pixels");
        }
        if (!NetworkNames.IsKnown(Network))
        {
            throw new ArgumentOutOfRangeException(nameof(Network), Network,
                $"unknown network (known: {string.Join(", ", NetworkNames.All)})");
        }
        RootSeg.Torch.Device.Parse(Device);
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be at least 1");
        }
    }
}

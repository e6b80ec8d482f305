using System.Text.Json.Serialization;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;

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

    /// <summary>Poolings of a <see cref="NetworkNames.UNetSame"/> (1 to 6; the paper's network has 4).</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Normalisation of a <see cref="NetworkNames.UNetSame"/>: a <see cref="Networks.NormKind"/> name.</summary>
    public string Norm { get; init; } = Networks.NormKind.Group;

    /// <summary>Residual blocks in a <see cref="NetworkNames.UNetSame"/>.</summary>
    public bool Residual { get; init; }

    /// <summary>The named recipe these options started from (<see cref="TrainingRecipes"/>); informative.</summary>
    public string Recipe { get; init; } = TrainingRecipes.Paper;

    /// <summary>The optimiser: <see cref="OptimizerNames.Sgd"/> (the paper's) or <see cref="OptimizerNames.AdamW"/>.</summary>
    public string Optimizer { get; init; } = OptimizerNames.Sgd;

    /// <summary>
    /// The learning-rate schedule: <see cref="ScheduleNames.Step"/> (the paper's, see <see cref="LearningRateStepEpochs"/>),
    /// <see cref="ScheduleNames.Poly"/> or <see cref="ScheduleNames.Cosine"/> (per step, over the planned epochs).
    /// </summary>
    public string Schedule { get; init; } = ScheduleNames.Step;

    /// <summary>Optimiser steps over which the rate rises linearly to its initial value (0: none, the paper's).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>
    /// Choose, after every epoch, the root-probability threshold (0.30 to 0.90 in steps of 0.05) that maximises the
    /// pooled validation F1, rank epochs by that F1, and store the threshold in the best model, where segmentation
    /// uses it unless told otherwise (false: the paper's 0.5).
    /// </summary>
    public bool TuneThreshold { get; init; }

    /// <summary>
    /// Convolution kernels and input batches in channels-last memory order (NHWC), where oneDNN's convolutions need
    /// no reorders; the same arithmetic in another order, so results differ from the default layout by rounding.
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>
    /// The arithmetic of the forward pass: <see cref="ComputePrecision.Float32"/> (the paper's) or
    /// <see cref="ComputePrecision.BFloat16"/> autocast, where convolutions run in bfloat16 while the loss, the
    /// normalisations, the weights and the optimiser stay float32.
    /// </summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ComputePrecision>))]
    public ComputePrecision Precision { get; init; }

    /// <summary>
    /// Augment the tiles on the training device (the same steps and distributions as tensor ops, from other random
    /// streams) while CPU workers only crop them: for a GPU, which the host's elastic deformation cannot keep fed.
    /// False: CPU workers augment, the paper's way.
    /// </summary>
    public bool AugmentOnDevice { get; init; }

    /// <summary>Stop when the validation F1 has not improved for this many epochs (0: never, the paper's).</summary>
    public int Patience { get; init; }

    /// <summary>
    /// Wall-clock budget of the run in minutes (training and validation, summed over resumed sessions); null for none.
    /// Epochs are planned to fit it, so that a decaying schedule ends with the budget; may change on resume.
    /// </summary>
    public double? Minutes { get; init; }

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

    /// <summary>
    /// At least this many tiles per epoch (0: no floor): with few training images each keeps more than
    /// <see cref="MaxTilesPerImage"/> root tiles (<see cref="TilesPerImage"/>), so that an epoch's training is not
    /// dwarfed by its validation, which takes as long whatever the number of training images.
    /// </summary>
    public int MinTilesPerEpoch { get; init; }

    /// <summary>
    /// Root tiles kept per image and epoch for a run on <paramref name="trainingImages"/> images:
    /// <see cref="MaxTilesPerImage"/>, raised to reach <see cref="MinTilesPerEpoch"/> (at most
    /// <see cref="CandidatesPerImage"/>).
    /// </summary>
    /// <param name="trainingImages">Images the run trains on.</param>
    public int TilesPerImage(int trainingImages)
    {
        if (trainingImages < 1)
        {
            return MaxTilesPerImage;
        }
        var needed = (MinTilesPerEpoch + trainingImages - 1) / trainingImages;
        return Math.Max(MaxTilesPerImage, Math.Min(CandidatesPerImage, needed));
    }

    /// <summary>Threads that build augmented batches while the network trains (at least 1).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Where the encoder of a <see cref="NetworkNames.ResNet18UNet"/> starts: <see cref="PretrainedNames.ImageNet"/>
    /// or <see cref="PretrainedNames.None"/> (random, the only choice for the other networks).
    /// </summary>
    public string Pretrained { get; init; } = PretrainedNames.None;

    /// <summary>
    /// The encoder's learning rate as a fraction of <see cref="LearningRate"/> (1: the same), so that pretrained
    /// features change more slowly than the new decoder learns.
    /// </summary>
    public double EncoderLearningRateScale { get; init; } = 1;

    /// <summary>
    /// Keep the encoder's batch-norm statistics (running means and variances) as they are: its batch norms
    /// normalise with them in training too and do not update them, as fine-tuning with small batches usually does.
    /// </summary>
    public bool FreezeEncoderNorm { get; init; }

    /// <summary>
    /// The first this many parts of the encoder (the stem, then stages 1 to 4: 0 to 5) are not trained at all: their
    /// weights and statistics stay as they started.
    /// </summary>
    public int FrozenEncoderStages { get; init; }

    /// <summary>
    /// Also keep every epoch's model (epochs/epoch-N.safetensors in the run folder), so that a run can be scored at
    /// several points of its time budget; does not change the training and may change on resume.
    /// </summary>
    public bool KeepEpochModels { get; init; }

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
        ArgumentOutOfRangeException.ThrowIfNegative(MinTilesPerEpoch, nameof(MinTilesPerEpoch));
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
        if (OutputTile < 1 || InputTile < OutputTile || (InputTile - OutputTile) % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputTile), OutputTile,
                $"must be the input tile {InputTile} or smaller by an even number of pixels");
        }
        if (WarmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "must be 0 or more");
        }
        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "must be 0 (off) or more");
        }
        if (Minutes is { } minutes && !(minutes > 0 && double.IsFinite(minutes)))
        {
            throw new ArgumentOutOfRangeException(nameof(Minutes), minutes, "must be a finite number > 0");
        }
        if (!OptimizerNames.IsKnown(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer,
                $"unknown optimiser (known: {string.Join(", ", OptimizerNames.All)})");
        }
        if (!ScheduleNames.IsKnown(Schedule))
        {
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule,
                $"unknown schedule (known: {string.Join(", ", ScheduleNames.All)})");
        }
        if (Network == NetworkNames.UNetSame)
        {
            if (Depth is < 1 or > 6)
            {
                throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "must be 1 to 6");
            }
            if (!Networks.NormKind.IsKnown(Norm))
            {
                throw new ArgumentOutOfRangeException(nameof(Norm), Norm,
                    $"unknown normalisation (known: {string.Join(", ", Networks.NormKind.All)})");
            }
            if (InputTile % (1 << Depth) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile,
                    $"must be a multiple of {1 << Depth} for {Depth} poolings");
            }
        }
        CheckEncoderOptions();
        if (!NetworkNames.IsKnown(Network))
        {
            throw new ArgumentOutOfRangeException(nameof(Network), Network,
                $"unknown network (known: {string.Join(", ", NetworkNames.All)})");
        }
        RootSeg.Torch.Device.Parse(Device);
    }

    private void CheckEncoderOptions()
    {
        if (!PretrainedNames.IsKnown(Pretrained))
        {
            throw new ArgumentOutOfRangeException(nameof(Pretrained), Pretrained,
                $"unknown encoder start (known: {string.Join(", ", PretrainedNames.All)})");
        }
        if (!(EncoderLearningRateScale >= 0) || double.IsInfinity(EncoderLearningRateScale))
        {
            throw new ArgumentOutOfRangeException(nameof(EncoderLearningRateScale), EncoderLearningRateScale, "must be a finite number >= 0");
        }
        if (FrozenEncoderStages is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(FrozenEncoderStages), FrozenEncoderStages, "must be 0 to 5 (stem and four stages)");
        }
        if (Network == NetworkNames.ResNet18UNet)
        {
            if (BaseWidth % 4 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(BaseWidth), BaseWidth, "must be a multiple of 4");
            }
            if (InputTile % Networks.ResNetUNet.Stride != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile,
                    $"must be a multiple of {Networks.ResNetUNet.Stride} for the ResNet encoder");
            }
            if (Pretrained == PretrainedNames.ImageNet && BaseWidth != Networks.ImageNetResNet18.Width)
            {
                throw new ArgumentOutOfRangeException(nameof(BaseWidth), BaseWidth,
                    $"ImageNet weights need the ResNet-18 width {Networks.ImageNetResNet18.Width}");
            }
            return;
        }
        if (Pretrained != PretrainedNames.None || EncoderLearningRateScale != 1 || FreezeEncoderNorm || FrozenEncoderStages != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Pretrained), Pretrained,
                $"a pretrained encoder and its options apply to {NetworkNames.ResNet18UNet} only, not {Network}");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be at least 1");
        }
    }
}

using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Training;

namespace RootSeg.Annotate.Training;

/// <summary>
/// The background trainer's network and sampling. The default starts from what a network learned on ImageNet, so that
/// the first few annotated photos already give a useful model: the transfer recipe's ResNet-18 U-Net
/// (<see cref="TrainingRecipes.Transfer"/>: AdamW, the encoder at a quarter of the rate with its batch-norm statistics
/// frozen, bfloat16 where the processor has it) on 320 px tiles at a constant rate, 16 tiles per annotated training
/// photo and epoch, so that an epoch, and with it a chance of a new model, comes every minute or so on a 2-core CPU
/// while few photos are annotated. <see cref="PaperNetwork"/> is the earlier default: the paper's U-Net with group
/// norm (Smith et al. 2020, doi:10.1186/s13007-020-00563-0) of width 8 on 316 px tiles, from random weights, with the
/// paper's optimiser.
/// </summary>
public sealed record AnnotateTrainingOptions
{
    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The network: <see cref="NetworkNames.ResNet18UNet"/> (default) or <see cref="NetworkNames.UNetGN"/>.</summary>
    public string Network { get; init; } = NetworkNames.ResNet18UNet;

    /// <summary>Where a ResNet-18 U-Net's encoder starts (<see cref="PretrainedNames"/>).</summary>
    public string Pretrained { get; init; } = PretrainedNames.ImageNet;

    /// <summary>Channels of the first level (64 in the paper, and ResNet-18's).</summary>
    public int BaseWidth { get; init; } = ImageNetResNet18.Width;

    /// <summary>GroupNorm groups of a UNetGN; must divide <see cref="BaseWidth"/>.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Input tile side: a valid UNetGN input size, or a multiple of 32 for the ResNet-18 U-Net.</summary>
    public int InputTile { get; init; } = 320;

    /// <summary>Pixels cut from each side of a ResNet-18 U-Net's output tile.</summary>
    public int Margin { get; init; } = 32;

    /// <summary>Tiles per optimiser step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Random candidate tiles per training photo and epoch.</summary>
    public int CandidatesPerImage { get; init; } = 32;

    /// <summary>
    /// Tiles with roots kept per training photo and epoch: enough for a few optimiser steps per epoch while only one
    /// or two photos are annotated (the Trainer fixes it for the life of a project's run).
    /// </summary>
    public int MaxTilesPerImage { get; init; } = 16;

    /// <summary>Threads that build augmented batches.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Seed of initialisation, sampling and augmentation.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Model to start from instead of random weights; null for none.</summary>
    public string? InitModel { get; init; }

    /// <summary>The earlier default: the paper's U-Net with group norm, width 8 and 4 groups, on 316 px tiles, from random weights.</summary>
    public static AnnotateTrainingOptions PaperNetwork { get; } = new()
    {
        Network = NetworkNames.UNetGN, Pretrained = PretrainedNames.None, BaseWidth = 8, Groups = 4, InputTile = 316, Margin = 0,
    };

    /// <summary>The same settings for GPUs: 576 px tiles (the paper's network: its width 64 and 32 groups on 572 px tiles).</summary>
    public AnnotateTrainingOptions ForCuda(string device) => this with
    {
        Device = device,
        BaseWidth = Network == NetworkNames.UNetGN ? 64 : BaseWidth,
        Groups = Network == NetworkNames.UNetGN ? 32 : Groups,
        InputTile = Network == NetworkNames.UNetGN ? 572 : 576,
        CandidatesPerImage = 90,
        MaxTilesPerImage = 40,
        Workers = Math.Max(1, Environment.ProcessorCount - 1),
    };

    /// <summary>Whether the network is the ResNet-18 U-Net.</summary>
    private bool IsResNet => Network == NetworkNames.ResNet18UNet;

    private int OutputTile => IsResNet
        ? InputTile - 2 * Margin
        : UNetGN.IsValidInputSize(InputTile) ? UNetGN.OutputSize(InputTile) : 1;

    /// <summary>The Trainer's options for a run of <paramref name="epochs"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public TrainingOptions ToTrainingOptions(int epochs)
    {
        if (Network is not (NetworkNames.UNetGN or NetworkNames.ResNet18UNet))
        {
            throw new ArgumentOutOfRangeException(nameof(Network), Network, $"must be {NetworkNames.ResNet18UNet} or {NetworkNames.UNetGN}");
        }
        if (!IsResNet && !UNetGN.IsValidInputSize(InputTile))
        {
            throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile, "not a valid UNetGN input size (188 + 16k)");
        }
        if (IsResNet && (InputTile % ResNetUNet.Stride != 0 || OutputTile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile,
                $"must be a multiple of {ResNetUNet.Stride} larger than twice the margin {Margin}");
        }
        var start = IsResNet ? TrainingRecipes.For(TrainingRecipes.Transfer, RootSeg.Torch.Device.Parse(Device)) : new TrainingOptions();
        var options = start with
        {
            Epochs = epochs,
            Network = Network,
            Pretrained = Pretrained,
            BaseWidth = BaseWidth,
            Groups = Groups,
            InputTile = InputTile,
            OutputTile = OutputTile,
            BatchSize = BatchSize,
            ValidationBatchSize = BatchSize,
            CandidatesPerImage = CandidatesPerImage,
            MaxTilesPerImage = MaxTilesPerImage,
            Workers = Workers,
            Seed = Seed,
            Device = Device,
            // Annotation goes on for hours; the rate is not lowered on a schedule the user cannot see, and the model
            // is chosen on the annotated validation photos at the paper's threshold.
            Schedule = ScheduleNames.Step,
            LearningRateStepEpochs = int.MaxValue,
            WarmupSteps = 0,
            TuneThreshold = false,
        };
        options.Validate();
        return options;
    }

    /// <summary>The description of the models this trainer saves.</summary>
    public ModelDescription Describe() => TrainingSession.Describe(ToTrainingOptions(1)) with { Source = "rootseg annotate" };

    /// <summary>
    /// These options with the network of the run a project's trainer already has in <paramref name="runDirectory"/>
    /// (its checkpoint fixes network, width, groups, tiles and encoder start), so that a project goes on with the
    /// network it began with; unchanged when there is no checkpoint.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint cannot be read.</exception>
    public AnnotateTrainingOptions ContinuingRun(string runDirectory)
    {
        if (!File.Exists(new RunFiles(runDirectory).Checkpoint))
        {
            return this;
        }
        var saved = TrainingSession.OptionsToResume(runDirectory);
        return this with
        {
            Network = saved.Network,
            Pretrained = saved.Pretrained,
            BaseWidth = saved.BaseWidth,
            Groups = saved.Groups,
            InputTile = saved.InputTile,
            Margin = (saved.InputTile - saved.OutputTile) / 2,
        };
    }
}

using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Training;

namespace RootSeg.Annotate.Training;

/// <summary>
/// The background trainer's network and sampling. The defaults fit a 2-core CPU: a U-Net with group norm of width 8
/// and 4 groups on 316 px tiles (Smith et al. 2020, doi:10.1186/s13007-020-00563-0, scaled down as in
/// <c>rootseg demo</c>), 16 tiles per annotated training photo and epoch, so that an epoch, and with it a chance of a
/// new model, comes every few seconds while few photos are annotated; the optimiser is the paper's.
/// </summary>
public sealed record AnnotateTrainingOptions
{
    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Channels of the first level (64 in the paper).</summary>
    public int BaseWidth { get; init; } = 8;

    /// <summary>GroupNorm groups; must divide <see cref="BaseWidth"/>.</summary>
    public int Groups { get; init; } = 4;

    /// <summary>Input tile side; a valid UNetGN input size.</summary>
    public int InputTile { get; init; } = 316;

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

    /// <summary>The same settings for GPUs: the paper's width 64 and 32 groups on 572 px tiles.</summary>
    public static AnnotateTrainingOptions ForCuda(string device) => new()
    {
        Device = device, BaseWidth = 64, Groups = 32, InputTile = 572, CandidatesPerImage = 90, MaxTilesPerImage = 40,
        Workers = Math.Max(1, Environment.ProcessorCount - 1),
    };

    /// <summary>The Trainer's options for a run of <paramref name="epochs"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public TrainingOptions ToTrainingOptions(int epochs)
    {
        var options = new TrainingOptions
        {
            Epochs = epochs,
            Network = NetworkNames.UNetGN,
            BaseWidth = BaseWidth,
            Groups = Groups,
            InputTile = InputTile,
            OutputTile = UNetGN.IsValidInputSize(InputTile) ? UNetGN.OutputSize(InputTile) : 1,
            BatchSize = BatchSize,
            ValidationBatchSize = BatchSize,
            CandidatesPerImage = CandidatesPerImage,
            MaxTilesPerImage = MaxTilesPerImage,
            Workers = Workers,
            Seed = Seed,
            Device = Device,
            // Annotation goes on for hours; the rate is not stepped down on a schedule the user cannot see.
            LearningRateStepEpochs = int.MaxValue,
        };
        if (!UNetGN.IsValidInputSize(InputTile))
        {
            throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile, "not a valid UNetGN input size (188 + 16k)");
        }
        options.Validate();
        return options;
    }

    /// <summary>The description of the models this trainer saves.</summary>
    public ModelDescription Describe() => new()
    {
        Network = NetworkNames.UNetGN,
        BaseWidth = BaseWidth,
        Groups = Groups,
        InputTile = InputTile,
        OutputTile = UNetGN.OutputSize(InputTile),
        Source = "rootseg annotate",
    };
}

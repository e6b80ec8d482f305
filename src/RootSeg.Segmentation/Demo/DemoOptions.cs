using RootSeg.Segmentation.Networks;

namespace RootSeg.Segmentation.Demo;

/// <summary>
/// Settings of <see cref="DemoRun"/>: how many synthetic photos of what size, how they are split, and a network and
/// training schedule small enough for a CPU. The design (split, U-Net with group norm, augmentation, loss, tiling,
/// metrics, length against a true length) is that of Smith et al. 2020, "Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0), scaled down.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>Folder that receives every output; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Seed of the photos, the split, the network's initialisation and training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Synthetic photos to draw (at least 5: training, validation and at least 3 test photos).</summary>
    public int ImageCount { get; init; } = 20;

    /// <summary>Side of each square photo in pixels.</summary>
    public int ImageSize { get; init; } = 400;

    /// <summary>Photos held out for testing (at least 3, so that a correlation has a p-value).</summary>
    public int TestCount { get; init; } = 6;

    /// <summary>Photos used to choose the best epoch.</summary>
    public int ValidationCount { get; init; } = 3;

    /// <summary>Scale of the synthetic photos, used for lengths in mm and the line-intersect grids.</summary>
    public double PixelsPerMm { get; init; } = 10;

    /// <summary>Spacings of the virtual line-intersect grids, in mm.</summary>
    public IReadOnlyList<double> GridSpacingsMm { get; init; } = [5, 10];

    /// <summary>Channels of the U-Net's first level (64 in the paper).</summary>
    public int BaseWidth { get; init; } = 8;

    /// <summary>GroupNorm groups (32 in the paper); must divide <see cref="BaseWidth"/>.</summary>
    public int Groups { get; init; } = 4;

    /// <summary>Input tile side; a valid U-Net input size (see <see cref="UNetGN.IsValidInputSize"/>).</summary>
    public int InputTile { get; init; } = 316;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Random candidate tiles per training photo and epoch.</summary>
    public int CandidatesPerImage { get; init; } = 12;

    /// <summary>Tiles with roots kept per training photo and epoch.</summary>
    public int MaxTilesPerImage { get; init; } = 6;

    /// <summary>Threads that build augmented batches while the network trains.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The standard demo: a few minutes on two CPU cores.</summary>
    /// <param name="outputDirectory">Where the outputs go.</param>
    /// <param name="seed">The demo's seed.</param>
    public static DemoOptions Standard(string outputDirectory, int seed = 1) =>
        new() { OutputDirectory = outputDirectory, Seed = seed };

    /// <summary>A tiny run of well under a minute that exercises every stage (its F1 is not meaningful).</summary>
    /// <param name="outputDirectory">Where the outputs go.</param>
    /// <param name="seed">The demo's seed.</param>
    public static DemoOptions Quick(string outputDirectory, int seed = 1) => new()
    {
        OutputDirectory = outputDirectory,
        Seed = seed,
        ImageCount = 6,
        ImageSize = 136,
        TestCount = 3,
        ValidationCount = 1,
        BaseWidth = 4,
        Groups = 2,
        InputTile = 252,
        Epochs = 1,
        CandidatesPerImage = 3,
        MaxTilesPerImage = 2,
    };

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory, nameof(OutputDirectory));
        ArgumentNullException.ThrowIfNull(GridSpacingsMm, nameof(GridSpacingsMm));
        if (TestCount < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(TestCount), TestCount, "must be at least 3 (a correlation needs them)");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ValidationCount, 1, nameof(ValidationCount));
        if (ImageCount < TestCount + ValidationCount + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ImageCount), ImageCount,
                $"must leave at least one training photo after {TestCount} test and {ValidationCount} validation photos");
        }
        if (!UNetGN.IsValidInputSize(InputTile))
        {
            throw new ArgumentOutOfRangeException(nameof(InputTile), InputTile,
                $"is not a valid U-Net input size (valid: {string.Join(", ", UNetGN.ValidInputSizes(188, 316))}, ...)");
        }
        if (ImageSize < UNetGN.OutputSize(InputTile))
        {
            throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize,
                $"must be at least the output tile {UNetGN.OutputSize(InputTile)}");
        }
        if (!(PixelsPerMm > 0) || double.IsInfinity(PixelsPerMm))
        {
            throw new ArgumentOutOfRangeException(nameof(PixelsPerMm), PixelsPerMm, "must be a finite number > 0");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseWidth, 1, nameof(BaseWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(Groups, 1, nameof(Groups));
        if (BaseWidth % Groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Groups), Groups, $"must divide the base width {BaseWidth}");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidatesPerImage, 1, nameof(CandidatesPerImage));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTilesPerImage, 1, nameof(MaxTilesPerImage));
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
    }
}

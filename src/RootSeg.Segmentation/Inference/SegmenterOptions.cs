using RootSeg.Segmentation.Networks;

namespace RootSeg.Segmentation.Inference;

/// <summary>
/// How <see cref="Segmenter"/> cuts a photo into network tiles and turns their outputs into a mask. The defaults keep
/// the result of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0): mirror padding, output squares side by side with the last row and column moved to
/// the image edge, root where the softmax root probability exceeds 0.5; batches of tiles change nothing but speed.
/// </summary>
public sealed record SegmenterOptions
{
    /// <summary>The largest input tile <see cref="TileSize"/> = null may choose (memory grows with its square).</summary>
    public const int DefaultMaxAutoTile = 1204;

    /// <summary>
    /// Side of the network's input tile in pixels, or null for the tile the model was trained with (572 in the paper),
    /// unless <see cref="AutoTile"/> is set.
    /// </summary>
    public int? TileSize { get; init; }

    /// <summary>
    /// With <see cref="TileSize"/> null, choose per image the valid side in [the model's own tile,
    /// <see cref="MaxAutoTile"/>] that needs the fewest input pixels in all (<see cref="TileSizeChoice"/>). Faster
    /// for small networks (width 8: 0.4x the time of the model's own tile), but not for the paper's width on a
    /// 2-core CPU (1.16x the time and 7.3 GB; benchmarks/results/segment.json). Group normalisation takes its
    /// statistics per tile, so masks differ from those of the model's own tile; off by default so that results are
    /// the paper's.
    /// </summary>
    public bool AutoTile { get; init; }

    /// <summary>Upper bound of the automatic tile choice.</summary>
    public int MaxAutoTile { get; init; } = DefaultMaxAutoTile;

    /// <summary>
    /// Overlap of neighbouring output squares as a fraction of their side, in [0, 1). 0 is the paper's grid (each
    /// pixel from one tile); above 0, tiles are spread evenly and blended with Gaussian weights (nnU-Net, Isensee et
    /// al. 2021, doi:10.1038/s41592-020-01008-z).
    /// </summary>
    public double Overlap { get; init; }

    /// <summary>
    /// Tiles run through the network together, at least 1. Measured on a 2-core CPU: with the paper's U-Net a photo
    /// took the same time in batches of 1 as of 2 and 1 GB less memory (1.9 against 2.9 GB; the Winograd
    /// convolutions' workspace grows with the batch); a width-8 network segmented 2550x2273 photos 6% faster in
    /// batches of 2. A GPU wants larger batches.
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// Flip test-time augmentation: average the root probability of the tile as it is, flipped left-right, flipped
    /// top-bottom and both, each output flipped back (four network passes per tile).
    /// </summary>
    public bool FlipTta { get; init; }

    /// <summary>
    /// The network's arithmetic: float32 (the default, the paper's) or bfloat16 autocast, several times faster on a
    /// GPU with bfloat16 tensor cores (masks agree with float32 ones on all but a small share of pixels).
    /// </summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.Float32;

    /// <summary>
    /// Cut and normalise tiles on the network's device (true) or on the host (false); null chooses the device for
    /// CUDA and the host for the CPU. The values are the same either way.
    /// </summary>
    public bool? TilesOnDevice { get; init; }

    /// <summary>A pixel is root where its root probability is greater than this, in (0, 1); the paper's 0.5.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>
    /// Called on the segmenting thread after each batch of tiles with the tiles of the photo done so far and their
    /// number, so that a large photo shows progress; null for none. It changes nothing in the result.
    /// </summary>
    public Action<int, int>? OnTiles { get; init; }

    /// <summary>Checks every value, naming the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (TileSize is { } tile)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tile, 1, nameof(TileSize));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAutoTile, 1, nameof(MaxAutoTile));
        if (!(Overlap >= 0 && Overlap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "must be in [0, 1)");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "unknown precision");
        }
        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "must be in (0, 1)");
        }
    }
}

using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>Settings of an <see cref="AugmentationPipeline"/>: passed in explicitly, nothing global.</summary>
public sealed record AugmentationOptions
{
    /// <summary>The run seed from which every sampling, shuffling and augmentation draw derives.</summary>
    public ulong Seed { get; init; }

    /// <summary>Tiles per batch (the paper: 4), at least 1.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Parallel CPU workers, at least 1. Results do not depend on it.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Ready (or in-progress) batches queued ahead of the consumer, at least 1.</summary>
    public int QueueCapacity { get; init; } = 8;

    /// <summary>Tile sizes (the paper's 572/388 by default).</summary>
    public TileGeometry Geometry { get; init; } = TileGeometry.Paper;

    /// <summary>Random tiles drawn per image and epoch (90).</summary>
    public int CandidatesPerImage { get; init; } = 90;

    /// <summary>Root tiles kept per image and epoch at most (40).</summary>
    public int MaxTilesPerImage { get; init; } = 40;

    /// <summary>The per-tile augmentation.</summary>
    public TileAugmenter Augmenter { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentNullException.ThrowIfNull(Geometry, nameof(Geometry));
        ArgumentNullException.ThrowIfNull(Augmenter, nameof(Augmenter));
    }
}

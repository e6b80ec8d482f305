using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Batch;

/// <summary>What a <see cref="BatchSegmenter"/> writes and which photos it takes.</summary>
public sealed record BatchOptions
{
    /// <summary>Folder of the outputs; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Also write <c>STEM.prob.png</c>: the root probability x 255 as 8-bit grey.</summary>
    public bool WriteProbabilities { get; init; }

    /// <summary>Also write <c>STEM.overlay.jpg</c>: the photo with the root pixels tinted red.</summary>
    public bool WriteOverlay { get; init; }

    /// <summary>The region of each photo to segment, or null for the whole photo.</summary>
    public CropRegion? Crop { get; init; }

    /// <summary>The share of the sorted photo list this run takes.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>
    /// Photos decoded ahead of the network, and photos whose outputs may be being written at once, at least 1 (the
    /// default: one photo each way, enough for a CPU). A GPU segments faster than one thread decodes and encodes, so
    /// it wants more; memory grows with it by a photo and its outputs per step.
    /// </summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>Segment every photo even when its outputs are up to date, and replace outputs that the folder's
    /// manifest says were made with another model or other settings.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// What makes this run's masks (model hash and settings), checked against the folder's
    /// <see cref="OutputManifest.FolderFileName"/> and written there before the first photo
    /// (<see cref="OutputManifest.Claim"/>); null checks and writes none.
    /// </summary>
    public OutputManifest? Manifest { get; init; }
}

namespace RootSeg.Analysis.Metrics;

/// <summary>
/// Byte values of a truth (annotation) mask as <see cref="ConfusionCounts"/> reads it. Pixels marked
/// <see cref="Unlabelled"/> are left out of every count, as RootPainter does with partial annotations (Smith et al.
/// 2022, "RootPainter: deep learning segmentation of biological images with corrective annotation", New Phytologist,
/// doi:10.1111/nph.18387).
/// </summary>
public static class TruthLabel
{
    /// <summary>Annotated as soil (not root).</summary>
    public const byte Background = 0;

    /// <summary>Annotated as root.</summary>
    public const byte Root = 1;

    /// <summary>Not annotated; excluded from metrics.</summary>
    public const byte Unlabelled = 255;
}

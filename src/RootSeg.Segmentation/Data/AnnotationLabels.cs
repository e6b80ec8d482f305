using RootSeg.Imaging.Annotations;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// Label values of a decoded annotation raster: background, root, and unlabelled (RootPainter's transparent pixels,
/// which loss and metrics leave out): the byte values of <see cref="AnnotationLabel"/>, as constants for raster code.
/// </summary>
public static class AnnotationLabels
{
    /// <summary>Annotated background (soil).</summary>
    public const byte Background = (byte)AnnotationLabel.Background;

    /// <summary>Annotated root.</summary>
    public const byte Root = (byte)AnnotationLabel.Root;

    /// <summary>Not annotated: excluded from training and evaluation.</summary>
    public const byte Unlabelled = (byte)AnnotationLabel.Unlabelled;
}

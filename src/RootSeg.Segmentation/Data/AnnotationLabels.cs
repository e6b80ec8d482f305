namespace RootSeg.Segmentation.Data;

/// <summary>
/// Label values of a decoded annotation raster: background, root, and unlabelled (RootPainter's transparent pixels,
/// which loss and metrics leave out).
/// </summary>
public static class AnnotationLabels
{
    /// <summary>Annotated background (soil).</summary>
    public const byte Background = 0;

    /// <summary>Annotated root.</summary>
    public const byte Root = 1;

    /// <summary>Not annotated: excluded from training and evaluation.</summary>
    public const byte Unlabelled = 255;
}

namespace RootSeg.Imaging.Annotations;

/// <summary>
/// What an annotator said about one pixel. Unlabelled pixels (RootPainter's partial annotations: Smith et al. 2022,
/// "RootPainter: deep learning segmentation of biological images with corrective annotation", New Phytologist
/// 236:774-791, doi:10.1111/nph.18387) are left out of losses and metrics.
/// </summary>
public enum AnnotationLabel : byte
{
    /// <summary>Soil, or anything that is not root.</summary>
    Background = 0,

    /// <summary>Root.</summary>
    Root = 1,

    /// <summary>Not annotated: neither root nor background.</summary>
    Unlabelled = 255,
}

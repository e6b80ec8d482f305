using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// The <see cref="IDatasetReader"/> over RootSeg's image codecs: photos through <see cref="ImageFile.ReadRgb"/>
/// (JPEG, PNG, TIFF), annotations through <see cref="AnnotationMask.Read(string)"/> (grey or colour masks root where
/// the largest channel is at least 128, 0/1 images, RootPainter RGBA with unlabelled pixels).
/// </summary>
public sealed class ImagingDatasetReader : IDatasetReader
{
    /// <inheritdoc />
    /// <exception cref="ImageFileException">The file cannot be read; the message names it.</exception>
    public Raster<byte> ReadPhoto(string path) => ImageFile.ReadRgb(path);

    /// <inheritdoc />
    /// <exception cref="ImageFileException">The file cannot be read; the message names it.</exception>
    public Raster<byte> ReadAnnotation(string path)
    {
        using var mask = AnnotationMask.Read(path);
        return mask.Labels.Clone();
    }
}

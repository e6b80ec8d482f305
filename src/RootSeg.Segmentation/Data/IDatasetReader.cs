using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// Decodes a dataset's files into rasters. Splitting, sampling and augmentation depend only on this, not on image
/// formats; the imaging library's codecs implement it.
/// </summary>
public interface IDatasetReader
{
    /// <summary>Reads a photo as 8-bit RGB (3 channels); the caller owns the raster.</summary>
    /// <exception cref="IOException">The file cannot be read or decoded; the message names it.</exception>
    Raster<byte> ReadPhoto(string path);

    /// <summary>
    /// Reads an annotation as one channel of <see cref="AnnotationLabels"/> values (0, 1, 255); the caller owns the
    /// raster.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or decoded; the message names it.</exception>
    Raster<byte> ReadAnnotation(string path);
}

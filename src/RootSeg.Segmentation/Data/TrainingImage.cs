using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// A photo and its annotation held in memory for sampling and augmentation (Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0, keep the whole training set in memory too).
/// </summary>
/// <remarks>The image owns both rasters and disposes them.</remarks>
public sealed class TrainingImage : IDisposable
{
    /// <summary>Pairs a photo with its annotation.</summary>
    /// <param name="stem">The shared file stem, for messages and the split.</param>
    /// <param name="photo">RGB photo, 3 channels; ownership passes to this object.</param>
    /// <param name="annotation">
    /// One channel of <see cref="AnnotationLabels"/> values (0, 1, 255), the photo's size; ownership passes to this object.
    /// </param>
    /// <exception cref="ArgumentException">Channels or sizes do not fit, or a label value is not 0, 1 or 255.</exception>
    public TrainingImage(string stem, Raster<byte> photo, Raster<byte> annotation)
    {
        ArgumentException.ThrowIfNullOrEmpty(stem);
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(annotation);
        if (photo.Channels != 3)
        {
            throw new ArgumentException($"{stem}: the photo has {photo.Channels} channels, not 3 (RGB)", nameof(photo));
        }
        if (annotation.Channels != 1)
        {
            throw new ArgumentException($"{stem}: the annotation has {annotation.Channels} channels, not 1",
                nameof(annotation));
        }
        if (annotation.Width != photo.Width || annotation.Height != photo.Height)
        {
            throw new ArgumentException(
                $"{stem}: the annotation is {annotation.Width}x{annotation.Height}, the photo {photo.Width}x{photo.Height}",
                nameof(annotation));
        }
        for (var y = 0; y < annotation.Height; y++)
        {
            foreach (var v in annotation.Row(y))
            {
                if (v is not (AnnotationLabels.Background or AnnotationLabels.Root or AnnotationLabels.Unlabelled))
                {
                    throw new ArgumentException($"{stem}: annotation value {v} in row {y} is not 0, 1 or 255",
                        nameof(annotation));
                }
            }
        }
        Stem = stem;
        Photo = photo;
        Annotation = annotation;
    }

    /// <summary>The file stem shared by photo and annotation.</summary>
    public string Stem { get; }

    /// <summary>The RGB photo (owned by this object).</summary>
    public Raster<byte> Photo { get; }

    /// <summary>The labels: <see cref="AnnotationLabels"/> values (owned by this object).</summary>
    public Raster<byte> Annotation { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width => Photo.Width;

    /// <summary>Image height in pixels.</summary>
    public int Height => Photo.Height;

    /// <summary>Disposes both rasters.</summary>
    public void Dispose()
    {
        Photo.Dispose();
        Annotation.Dispose();
    }
}

using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Measurement;

/// <summary>
/// A root mask file read for measuring: the binary mask (root where grey >= 128), its skeleton (scikit-image's
/// <c>skeletonize</c>, as Smith et al. 2020, doi:10.1186/s13007-020-00563-0, measure root length) and its Euclidean
/// distance transform in pixels. Owns the three rasters.
/// </summary>
public sealed class MaskRasters : IDisposable
{
    private MaskRasters(Raster<byte> mask, Raster<byte> skeleton, Raster<float> distance)
    {
        Mask = mask;
        Skeleton = skeleton;
        Distance = distance;
    }

    /// <summary>Root mask: 1 root, 0 background.</summary>
    public Raster<byte> Mask { get; }

    /// <summary>Skeleton of <see cref="Mask"/>: 1 on the skeleton.</summary>
    public Raster<byte> Skeleton { get; }

    /// <summary>Euclidean distance from each root pixel to the nearest background pixel, pixels.</summary>
    public Raster<float> Distance { get; }

    /// <summary>Reads and prepares the mask at <paramref name="path"/>.</summary>
    /// <exception cref="ImageFileException">The file cannot be read as an image.</exception>
    public static MaskRasters Load(string path)
    {
        using var grey = ImageFile.ReadGrey(path);
        var mask = TruthLabel.FromGreyMask(grey);
        var skeleton = Imaging.Morphology.Skeleton.Apply(mask);
        using var distance = DistanceTransform.Euclidean(mask);
        var distance32 = new Raster<float>(distance.Width, distance.Height);
        for (var y = 0; y < distance.Height; y++)
        {
            var source = distance.Row(y);
            var target = distance32.Row(y);
            for (var x = 0; x < source.Length; x++)
            {
                target[x] = (float)source[x];
            }
        }
        return new MaskRasters(mask, skeleton, distance32);
    }

    /// <summary>Measures the mask (<see cref="ImageMeasurement.Measure"/>).</summary>
    /// <param name="image">The image's name.</param>
    /// <param name="options">Settings.</param>
    public ImageMeasurement Measure(string image, MeasurementOptions options) =>
        ImageMeasurement.Measure(image, Mask, Skeleton, Distance, options);

    /// <inheritdoc/>
    public void Dispose()
    {
        Mask.Dispose();
        Skeleton.Dispose();
        Distance.Dispose();
    }
}

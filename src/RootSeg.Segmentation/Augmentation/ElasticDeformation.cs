using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// The paper's elastic grid deformation (Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods
/// 16:13, doi:10.1186/s13007-020-00563-0, after Simard et al. 2003, doi:10.1109/ICDAR.2003.1227801): with probability
/// 0.9, gamma ~ U[0, 1) sets sigma = 15 + 45 gamma and alpha = (200 + 2300 gamma) x U[0.4, 1); the photo and its
/// annotation are resampled through the same <see cref="ElasticMap"/>.
/// </summary>
/// <remarks>
/// The photo is resampled bilinearly, exactly as scipy's <c>map_coordinates(order=1)</c> on the tile mirror-padded
/// by 60 (numpy 'reflect'); points that fall outside the padded tile become 0. Fully labelled annotations are
/// resampled the reference's way: bilinear interpolation of the root indicator, rounded half to even, so a pixel is
/// root when the interpolated value (in float32) exceeds 0.5. A pixel whose interpolation touches an unlabelled
/// sample with non-zero weight is unlabelled: its label would otherwise be half invented. Points outside the padded
/// tile are background, as the reference's constant 0 makes them.
/// </remarks>
public sealed record ElasticDeformation
{
    /// <summary>The chance that a tile is deformed at all (0.9).</summary>
    public double Probability { get; init; } = 0.9;

    /// <summary>Smallest and largest alpha before the intensity factor (200, 2500).</summary>
    public (double Min, double Max) AlphaRange { get; init; } = (200.0, 2500.0);

    /// <summary>Smallest and largest sigma (15, 60).</summary>
    public (double Min, double Max) SigmaRange { get; init; } = (15.0, 60.0);

    /// <summary>Lower bound of the intensity factor U[low, 1) that scales alpha (0.4).</summary>
    public double MinIntensity { get; init; } = 0.4;

    /// <summary>Mirror padding around the tile while resampling (60).</summary>
    public int Padding { get; init; } = 60;

    /// <summary>alpha and sigma for a given gamma (scale) and intensity, both in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale or intensity is outside [0, 1].</exception>
    public (double Alpha, double Sigma) Parameters(double scale, double intensity)
    {
        if (!(scale >= 0 && scale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be in [0, 1]");
        }
        if (!(intensity >= 0 && intensity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "intensity must be in [0, 1]");
        }
        var alpha = (AlphaRange.Min + (AlphaRange.Max - AlphaRange.Min) * scale) * intensity;
        var sigma = SigmaRange.Min + (SigmaRange.Max - SigmaRange.Min) * scale;
        return (alpha, sigma);
    }

    /// <summary>
    /// Draws whether to deform (probability <see cref="Probability"/>) and, if so, the map for a tile of the given
    /// size; null means leave the tile as it is.
    /// </summary>
    public ElasticMap? Draw(int height, int width, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(random.NextDouble() < Probability))
        {
            return null;
        }
        var scale = random.NextDouble();
        var intensity = MinIntensity + (1.0 - MinIntensity) * random.NextDouble();
        var (alpha, sigma) = Parameters(scale, intensity);
        return ElasticMap.Create(height, width, alpha, sigma, random, Padding);
    }

    /// <summary>Resamples a photo through <paramref name="map"/> into a new raster (caller owns it).</summary>
    /// <param name="photo">Float samples, any number of channels, the map's size; not modified.</param>
    /// <param name="map">The deformation.</param>
    /// <exception cref="ArgumentException">The photo's size differs from the map's.</exception>
    public static Raster<float> ApplyToPhoto(Raster<float> photo, ElasticMap map)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(map);
        CheckSize(photo.Width, photo.Height, map, nameof(photo));
        var channels = photo.Channels;
        var output = new Raster<float>(map.Width, map.Height, channels);
        var paddedHeight = map.Height + 2 * map.Padding;
        var paddedWidth = map.Width + 2 * map.Padding;
        var rows = map.Rows;
        var cols = map.Cols;
        for (var y = 0; y < map.Height; y++)
        {
            var target = output.Row(y);
            for (var x = 0; x < map.Width; x++)
            {
                var i = y * map.Width + x;
                if (!BilinearTaps.TryCreate(rows[i], cols[i], paddedHeight, paddedWidth, out var taps))
                {
                    continue;
                }
                var r0 = ReflectIndex.Mirror(taps.Row0 - map.Padding, photo.Height);
                var r1 = ReflectIndex.Mirror(taps.Row1 - map.Padding, photo.Height);
                var c0 = ReflectIndex.Mirror(taps.Col0 - map.Padding, photo.Width);
                var c1 = ReflectIndex.Mirror(taps.Col1 - map.Padding, photo.Width);
                for (var c = 0; c < channels; c++)
                {
                    target[x * channels + c] = (float)taps.Interpolate(
                        photo[c0, r0, c], photo[c1, r0, c], photo[c0, r1, c], photo[c1, r1, c]);
                }
            }
        }
        return output;
    }

    /// <summary>Resamples an annotation through <paramref name="map"/> into a new raster (caller owns it).</summary>
    /// <param name="annotation">One channel of <see cref="AnnotationLabels"/> values, the map's size; not modified.</param>
    /// <param name="map">The deformation (the same one the photo went through).</param>
    /// <exception cref="ArgumentException">The annotation's size or channel count does not fit.</exception>
    public static Raster<byte> ApplyToAnnotation(Raster<byte> annotation, ElasticMap map)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(map);
        CheckSize(annotation.Width, annotation.Height, map, nameof(annotation));
        if (annotation.Channels != 1)
        {
            throw new ArgumentException($"the annotation has {annotation.Channels} channels, not 1", nameof(annotation));
        }
        var output = new Raster<byte>(map.Width, map.Height);
        var paddedHeight = map.Height + 2 * map.Padding;
        var paddedWidth = map.Width + 2 * map.Padding;
        var rows = map.Rows;
        var cols = map.Cols;
        for (var y = 0; y < map.Height; y++)
        {
            var target = output.Row(y);
            for (var x = 0; x < map.Width; x++)
            {
                var i = y * map.Width + x;
                if (!BilinearTaps.TryCreate(rows[i], cols[i], paddedHeight, paddedWidth, out var taps))
                {
                    target[x] = AnnotationLabels.Background;
                    continue;
                }
                var r0 = ReflectIndex.Mirror(taps.Row0 - map.Padding, annotation.Height);
                var r1 = ReflectIndex.Mirror(taps.Row1 - map.Padding, annotation.Height);
                var c0 = ReflectIndex.Mirror(taps.Col0 - map.Padding, annotation.Width);
                var c1 = ReflectIndex.Mirror(taps.Col1 - map.Padding, annotation.Width);
                var l00 = annotation[c0, r0];
                var l01 = annotation[c1, r0];
                var l10 = annotation[c0, r1];
                var l11 = annotation[c1, r1];
                if (Touches(l00, taps.RowWeight0 * taps.ColWeight0) || Touches(l01, taps.RowWeight0 * taps.ColWeight1)
                    || Touches(l10, taps.RowWeight1 * taps.ColWeight0) || Touches(l11, taps.RowWeight1 * taps.ColWeight1))
                {
                    target[x] = AnnotationLabels.Unlabelled;
                    continue;
                }
                var root = (float)taps.Interpolate(IsRoot(l00), IsRoot(l01), IsRoot(l10), IsRoot(l11));
                target[x] = root > 0.5f ? AnnotationLabels.Root : AnnotationLabels.Background;
            }
        }
        return output;
    }

    private static bool Touches(byte label, double weight) => label == AnnotationLabels.Unlabelled && weight != 0.0;

    private static double IsRoot(byte label) => label == AnnotationLabels.Root ? 1.0 : 0.0;

    private static void CheckSize(int width, int height, ElasticMap map, string name)
    {
        if (width != map.Width || height != map.Height)
        {
            throw new ArgumentException($"the {name} is {width}x{height}, the map {map.Width}x{map.Height}", name);
        }
    }
}

using RootSeg.Analysis.Io;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Traits;

/// <summary>
/// Measures <see cref="RootTraits"/> from a root mask, its skeleton and its Euclidean distance transform, following
/// RhizoVision Explorer's definitions (Seethepalli et al. 2021, AoB PLANTS 13:plab056, doi:10.1093/aobpla/plab056).
/// </summary>
/// <remarks>
/// <para>Length: the skeleton's 8-neighbour links, each counted once, orthogonal ones as 1 pixel and diagonal ones as
/// sqrt 2, with a diagonal link dropped where an orthogonal two-step path joins the same pixels (so L-shaped corners
/// are not counted twice); Kimura et al. 1999 (doi:10.1023/A:1004778925316) formula 6,
/// sqrt(Nd² + (Nd + No/2)²) + No/2, is reported beside it from the same counts.</para>
/// <para>Diameter at a skeleton pixel: 2 x EDT (or 2 x EDT - 1 pixel, see
/// <see cref="RootTraitOptions.SubtractOnePixelFromDiameter"/>).</para>
/// <para>Volume and surface area: each skeleton pixel i stands for a cylinder slice of diameter d_i and height
/// l_i, its share of the skeleton length (half of each of its links); volume = sum of pi (d_i/2)² l_i and surface
/// = sum of pi d_i l_i. Length per diameter class sums the same l_i, so the classes add up to the length. A
/// skeleton pixel with no neighbour has no length and adds nothing to length, volume or surface.</para>
/// <para>Tips have exactly one link and branch pixels three or more; 8-connected clusters of branch pixels count
/// as one branch point.</para>
/// </remarks>
public static class RootTraitMeasurer
{
    /// <summary>Measures the traits of one image.</summary>
    /// <param name="mask">Single-channel root mask; non-zero is root.</param>
    /// <param name="skeleton">Single-channel skeleton of <paramref name="mask"/>, same size; non-zero is skeleton,
    /// and every skeleton pixel must be a root pixel.</param>
    /// <param name="distance">Single-channel Euclidean distance transform of <paramref name="mask"/> in pixels (scipy's
    /// <c>distance_transform_edt</c> semantics), same size; finite and non-negative at skeleton pixels.</param>
    /// <param name="options">Calibration, diameter classes and depth of field.</param>
    /// <exception cref="ArgumentException">Sizes or channels differ, a skeleton pixel lies outside the mask, or a
    /// distance is negative or not finite.</exception>
    public static RootTraits Measure(Raster<byte> mask, Raster<byte> skeleton, Raster<float> distance, RootTraitOptions options)
    {
        ArgumentNullException.ThrowIfNull(mask);
        RasterPacking.RequireSize(mask, skeleton, nameof(mask), nameof(skeleton));
        RasterPacking.RequireSize(mask, distance, nameof(mask), nameof(distance));
        return Measure(
            RasterPacking.Pack(mask, nameof(mask)),
            RasterPacking.Pack(skeleton, nameof(skeleton)),
            RasterPacking.Pack(distance, nameof(distance)),
            mask.Width, mask.Height, options);
    }

    /// <summary>Measures the traits of one image held in dense row-major arrays of <paramref name="width"/> x
    /// <paramref name="height"/> samples; see <see cref="Measure(Raster{byte}, Raster{byte}, Raster{float}, RootTraitOptions)"/>.</summary>
    public static RootTraits Measure(ReadOnlySpan<byte> mask, ReadOnlySpan<byte> skeleton, ReadOnlySpan<float> distance,
        int width, int height, RootTraitOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var pixels = checked(width * height);
        RequireLength(mask.Length, pixels, nameof(mask));
        RequireLength(skeleton.Length, pixels, nameof(skeleton));
        RequireLength(distance.Length, pixels, nameof(distance));

        var graph = SkeletonGraph.Build(skeleton, width, height);
        var calibration = options.Calibration;
        var diameters = new double[graph.Pixels.Length];
        for (var k = 0; k < graph.Pixels.Length; k++)
        {
            var p = graph.Pixels[k];
            if (mask[p] == 0)
            {
                throw new ArgumentException($"skeleton pixel ({p % width}, {p / width}) lies outside the mask", nameof(skeleton));
            }
            var d = distance[p];
            if (!float.IsFinite(d) || d < 0)
            {
                throw new ArgumentException($"distance at ({p % width}, {p / width}) is {d}; it must be finite and >= 0", nameof(distance));
            }
            var diameter = 2.0 * d - (options.SubtractOnePixelFromDiameter ? 1.0 : 0.0);
            diameters[k] = Math.Max(diameter, 0.0);
        }

        var classes = new double[options.DiameterClassBoundsMm.Count + 1];
        double volume = 0, surface = 0;
        long tips = 0;
        for (var k = 0; k < graph.Pixels.Length; k++)
        {
            var lengthMm = calibration.ToMm(graph.LengthShare[k]);
            var diameterMm = calibration.ToMm(diameters[k]);
            volume += Math.PI * diameterMm * diameterMm / 4 * lengthMm;
            surface += Math.PI * diameterMm * lengthMm;
            classes[DiameterClass(diameterMm, options.DiameterClassBoundsMm)] += lengthMm;
            if (graph.Degree[k] == 1)
            {
                tips++;
            }
        }
        var (branchPixels, branchPoints) = graph.CountBranches(width, height);

        long area = 0;
        foreach (var m in mask)
        {
            if (m != 0)
            {
                area++;
            }
        }
        var length = calibration.ToMm(graph.LengthPixels);
        var imageArea = pixels * calibration.Mm2PerPixel;
        // Length mm -> cm (/10), area mm² -> cm² (/100), depth mm -> cm (/10).
        var rld = length / 10.0 / (imageArea / 100.0 * options.DepthOfFieldMm / 10.0);
        var sorted = diameters.Select(calibration.ToMm).Order().ToArray();
        return new RootTraits
        {
            SkeletonPixels = graph.Pixels.Length,
            LengthPixels = graph.LengthPixels,
            LengthMm = length,
            KimuraLengthMm = calibration.ToMm(KimuraLength(graph.OrthogonalLinks, graph.DiagonalLinks)),
            AreaPixels = area,
            AreaMm2 = area * calibration.Mm2PerPixel,
            MeanDiameterMm = sorted.Length == 0 ? double.NaN : sorted.Average(),
            MedianDiameterMm = Median(sorted),
            MaxDiameterMm = sorted.Length == 0 ? double.NaN : sorted[^1],
            VolumeMm3 = volume,
            SurfaceAreaMm2 = surface,
            Tips = tips,
            BranchPixels = branchPixels,
            BranchPoints = branchPoints,
            LengthByDiameterClassMm = classes,
            ImageAreaMm2 = imageArea,
            RootLengthDensityCmPerCm3 = rld,
        };
    }

    /// <summary>Kimura et al. 1999 formula 6: sqrt(Nd² + (Nd + No/2)²) + No/2, in pixels.</summary>
    internal static double KimuraLength(long orthogonal, long diagonal)
    {
        var half = orthogonal / 2.0;
        return Math.Sqrt((double)diagonal * diagonal + (diagonal + half) * (diagonal + half)) + half;
    }

    private static int DiameterClass(double diameterMm, IReadOnlyList<double> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (diameterMm < bounds[i])
            {
                return i;
            }
        }
        return bounds.Count;
    }

    private static double Median(double[] sorted)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void RequireLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"{name} has {length} samples; width x height is {expected}", name);
        }
    }
}

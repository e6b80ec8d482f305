using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.Depth;

public sealed class PanelDepthTests
{
    // Sums of a few links of length 1 or sqrt 2: exact to the last bits but for the division by the scale.
    private const double Tolerance = 1e-12;

    private static readonly Calibration TenPxPerMm = new(10);
    private static readonly ProfileGroup Panel = new("P1", "", "");

    private static Raster<byte> Skeleton(int width, int height, params (int X, int Y)[] pixels)
    {
        var raster = new Raster<byte>(width, height);
        foreach (var (x, y) in pixels)
        {
            raster[x, y] = 1;
        }
        return raster;
    }

    private static IEnumerable<(int, int)> Horizontal(int y, int x0, int x1) => Enumerable.Range(x0, x1 - x0 + 1).Select(x => (x, y));

    private static IEnumerable<(int, int)> Vertical(int x, int y0, int y1) => Enumerable.Range(y0, y1 - y0 + 1).Select(y => (x, y));

    [Fact]
    public void LengthPerBandOfDrawnLinesIsExact()
    {
        // 20 x 40 px at 10 px/mm with 2 mm bands: rows 0-19 are band 0, rows 20-39 band 1.
        // Row 5, x 2..11: 9 px in band 0. Row 30, x 0..19: 19 px in band 1. Column 15, rows 10..27, crosses the
        // boundary: row 10 (an end) gives 0.5 px, rows 11..19 give 1 px each -> 9.5 px in band 0; rows 20..26 give
        // 1 px, row 27 (an end) 0.5 px -> 7.5 px in band 1.
        using var skeleton = Skeleton(20, 40,
            [.. Horizontal(5, 2, 11), .. Horizontal(30, 0, 19), .. Vertical(15, 10, 27)]);

        var samples = PanelDepth.Samples(skeleton, TenPxPerMm, 0, new DepthBands(2), Panel, "photo");

        Assert.Equal([0, 1], samples.Select(s => s.Band));
        Assert.Equal((9 + 9.5) / 10, samples[0].LengthMm, Tolerance);
        Assert.Equal((19 + 7.5) / 10, samples[1].LengthMm, Tolerance);
        Assert.All(samples, s => Assert.Equal(4.0, s.AreaMm2, Tolerance)); // 20 x 20 px = 2 x 2 mm
        Assert.All(samples, s => Assert.Equal(("P1", "photo"), (s.Site, s.Image)));
    }

    [Fact]
    public void DiagonalStepsCountSqrt2AndBandsAddUpToTheTraitLength()
    {
        // A diagonal from (0, 15) to (9, 24): 9 diagonal links; rows 15-19 hold 4.5 links' worth, rows 20-24 the rest.
        var pixels = Enumerable.Range(0, 10).Select(i => (i, 15 + i)).ToArray();
        using var skeleton = Skeleton(10, 40, pixels);
        using var mask = Skeleton(10, 40, pixels);
        using var distance = TestRasters.Filled(10, 40, 1f);

        var samples = PanelDepth.Samples(skeleton, TenPxPerMm, 0, new DepthBands(2), Panel, "photo");
        var traits = RootTraitMeasurer.Measure(mask, skeleton, distance, new RootTraitOptions { Calibration = TenPxPerMm });

        Assert.Equal(4.5 * Math.Sqrt(2) / 10, samples[0].LengthMm, Tolerance);
        Assert.Equal(4.5 * Math.Sqrt(2) / 10, samples[1].LengthMm, Tolerance);
        Assert.Equal(traits.LengthMm, samples.Sum(s => s.LengthMm), Tolerance);
    }

    [Fact]
    public void TopDepthShiftsTheBandsAndABandPartlyCoveredGetsOnlyItsRows()
    {
        // Top at 95 mm, 1 px/mm, 10 mm bands from 0: rows 0-4 (centres 95.5-99.5 mm) are band 9, rows 5-14 band 10,
        // rows 15-19 band 11.
        using var skeleton = Skeleton(3, 20, [.. Vertical(1, 0, 19)]);

        var samples = PanelDepth.Samples(skeleton, new Calibration(1), 95, new DepthBands(10), Panel, "photo");

        Assert.Equal([9, 10, 11], samples.Select(s => s.Band));
        Assert.Equal([15.0, 30.0, 15.0], samples.Select(s => s.AreaMm2));
        Assert.Equal([4.5, 10.0, 4.5], samples.Select(s => s.LengthMm));
    }

    [Fact]
    public void EmptySkeletonGivesZeroLengthButImagedArea()
    {
        using var skeleton = new Raster<byte>(4, 4);
        var sample = Assert.Single(PanelDepth.Samples(skeleton, new Calibration(2), 0, new DepthBands(5), Panel, "photo"));
        Assert.Equal(0, sample.LengthMm);
        Assert.Equal(4.0, sample.AreaMm2, Tolerance);
    }

    [Fact]
    public void BadInputsNameTheArgument()
    {
        using var skeleton = new Raster<byte>(4, 4);
        Assert.Equal("topDepthMm", Assert.Throws<ArgumentException>(() =>
            PanelDepth.Samples(skeleton, TenPxPerMm, double.NaN, new DepthBands(5), Panel, "p")).ParamName);
        Assert.Equal("widthMm", Assert.Throws<ArgumentOutOfRangeException>(() => new DepthBands(0)).ParamName);
    }
}

using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.Traits;

public sealed class RootTraitMeasurerTests
{
    private static readonly RootTraitOptions OnePixelPerMm = new() { Calibration = new Calibration(1) };

    private static RootTraits MeasureSkeleton(Raster<byte> skeleton, float distance = 1, RootTraitOptions? options = null)
    {
        using var edt = TestRasters.Filled(skeleton.Width, skeleton.Height, distance);
        // The skeleton is its own mask here: these cases test the skeleton graph, not area.
        return RootTraitMeasurer.Measure(skeleton, skeleton, edt, options ?? OnePixelPerMm);
    }

    [Fact]
    public void StraightLineHasLengthOneLessThanItsPixels()
    {
        using var line = TestRasters.FromText(
            "........",
            ".######.",
            "........");
        var t = MeasureSkeleton(line);
        Assert.Equal(6, t.SkeletonPixels);
        Assert.Equal(5.0, t.LengthPixels, 12);
        Assert.Equal(5.0, t.KimuraLengthMm, 12);
        Assert.Equal(2, t.Tips);
        Assert.Equal(0, t.BranchPoints);
    }

    [Fact]
    public void DiagonalLineCountsRootTwoPerStep()
    {
        using var line = TestRasters.FromText(
            "#....",
            ".#...",
            "..#..",
            "...#.",
            "....#");
        var t = MeasureSkeleton(line);
        Assert.Equal(5, t.SkeletonPixels);
        Assert.Equal(4 * Math.Sqrt(2), t.LengthPixels, 12);
        Assert.Equal(4 * Math.Sqrt(2), t.KimuraLengthMm, 12);
        Assert.Equal(2, t.Tips);
    }

    [Fact]
    public void AntiDiagonalLineCountsRootTwoPerStep()
    {
        using var line = TestRasters.FromText(
            "...#",
            "..#.",
            ".#..",
            "#...");
        Assert.Equal(3 * Math.Sqrt(2), MeasureSkeleton(line).LengthPixels, 12);
    }

    [Fact]
    public void StaircaseCornersAreNotCountedTwice()
    {
        // A 4-connected staircase: every corner pixel also touches the next step diagonally. Counting those
        // diagonal shortcuts as well would give 6 + 3 sqrt 2 and make the corners look like branches.
        using var stairs = TestRasters.FromText(
            "##...",
            ".##..",
            "..##.",
            "...#.");
        var t = MeasureSkeleton(stairs);
        Assert.Equal(6.0, t.LengthPixels, 12);
        Assert.Equal(2, t.Tips);
        Assert.Equal(0, t.BranchPixels);
    }

    [Fact]
    public void TJunctionHasThreeTipsAndOneBranchPoint()
    {
        using var t = TestRasters.FromText(
            "#####",
            "..#..",
            "..#..");
        var traits = MeasureSkeleton(t);
        Assert.Equal(6.0, traits.LengthPixels, 12);
        Assert.Equal(3, traits.Tips);
        Assert.Equal(1, traits.BranchPixels);
        Assert.Equal(1, traits.BranchPoints);
    }

    [Fact]
    public void DiagonalSideBranchMakesOneBranchPoint()
    {
        using var skeleton = TestRasters.FromText(
            "#####",
            "...#.",
            "....#");
        var t = MeasureSkeleton(skeleton);
        // The branch leaves (3,0) downwards; its diagonal contacts with (2,0) and (4,0) are shortcuts.
        Assert.Equal(4 + 1 + Math.Sqrt(2), t.LengthPixels, 12);
        Assert.Equal(3, t.Tips);
        Assert.Equal(1, t.BranchPoints);
    }

    [Fact]
    public void AdjacentBranchPixelsFormOneBranchPoint()
    {
        using var skeleton = TestRasters.FromText(
            "#######",
            "...##..",
            "...#.#.",
            "...#..#");
        var t = MeasureSkeleton(skeleton);
        // (3,0), (4,0), (3,1) and (4,1) each have three links; together they are one junction.
        Assert.Equal(4, t.BranchPixels);
        Assert.Equal(1, t.BranchPoints);
        Assert.Equal(4, t.Tips);
    }

    [Fact]
    public void SeparateJunctionsCountSeparately()
    {
        using var skeleton = TestRasters.FromText(
            "#########",
            ".#.....#.",
            ".#.....#.");
        var t = MeasureSkeleton(skeleton);
        Assert.Equal(2, t.BranchPoints);
        Assert.Equal(4, t.Tips);
    }

    [Fact]
    public void EmptyAndSinglePixelSkeletons()
    {
        using var empty = TestRasters.Empty(4, 3);
        var e = MeasureSkeleton(empty);
        Assert.Equal(0, e.SkeletonPixels);
        Assert.Equal(0.0, e.LengthMm);
        Assert.True(double.IsNaN(e.MeanDiameterMm));
        Assert.True(double.IsNaN(e.MedianDiameterMm));
        Assert.Equal(0.0, e.VolumeMm3);
        Assert.Equal(0.0, e.RootLengthDensityCmPerCm3);

        using var dot = TestRasters.FromText("...", ".#.", "...");
        var d = MeasureSkeleton(dot);
        Assert.Equal(1, d.SkeletonPixels);
        Assert.Equal(0.0, d.LengthMm);
        Assert.Equal(0, d.Tips);
        Assert.Equal(2.0, d.MeanDiameterMm);
    }

    [Fact]
    public void SkeletonTouchingEveryBorderIsMeasured()
    {
        using var frame = TestRasters.FromText(
            "####",
            "#..#",
            "####");
        var t = MeasureSkeleton(frame);
        Assert.Equal(10.0, t.LengthPixels, 12);
        Assert.Equal(0, t.Tips);
        Assert.Equal(0, t.BranchPoints);
    }

    [Fact]
    public void DiametersVolumeAndSurfaceOfABandFollowTheCylinderModel()
    {
        // A root 5 pixels wide with its midline as skeleton; EDT on the midline is 3 (scipy semantics).
        using var mask = TestRasters.FromText(
            "..........",
            "##########",
            "##########",
            "##########",
            "##########",
            "##########",
            "..........");
        using var skeleton = TestRasters.FromText(
            "..........",
            "..........",
            "..........",
            "##########",
            "..........",
            "..........",
            "..........");
        using var edt = TestRasters.Filled(10, 7, 3);
        var options = new RootTraitOptions { Calibration = new Calibration(2), DepthOfFieldMm = 3 };
        var t = RootTraitMeasurer.Measure(mask, skeleton, edt, options);
        Assert.Equal(50, t.AreaPixels);
        Assert.Equal(12.5, t.AreaMm2, 12);
        Assert.Equal(4.5, t.LengthMm, 12);
        Assert.Equal(3.0, t.MeanDiameterMm, 12);
        Assert.Equal(3.0, t.MedianDiameterMm, 12);
        Assert.Equal(3.0, t.MaxDiameterMm, 12);
        Assert.Equal(Math.PI * 1.5 * 1.5 * 4.5, t.VolumeMm3, 10);
        Assert.Equal(Math.PI * 3.0 * 4.5, t.SurfaceAreaMm2, 10);
        Assert.Equal(17.5, t.ImageAreaMm2, 12);
        // 0.45 cm of root in 0.175 cm² x 0.3 cm of soil.
        Assert.Equal(0.45 / (0.175 * 0.3), t.RootLengthDensityCmPerCm3, 10);
        Assert.Equal([0, 0, 0, 4.5], t.LengthByDiameterClassMm);

        var corrected = RootTraitMeasurer.Measure(mask, skeleton, edt, options with { SubtractOnePixelFromDiameter = true });
        Assert.Equal(2.5, corrected.MeanDiameterMm, 12);
    }

    [Fact]
    public void LengthIsSplitByDiameterClassAndClassesAddUpToLength()
    {
        using var skeleton = TestRasters.FromText("#########");
        using var edt = new Raster<float>(9, 1);
        float[] radii = [0.2f, 0.2f, 0.2f, 0.4f, 0.4f, 0.4f, 1.5f, 1.5f, 1.5f];
        radii.CopyTo(edt.Row(0));
        var t = RootTraitMeasurer.Measure(skeleton, skeleton, edt, OnePixelPerMm);
        // Diameters 0.4, 0.8 and 3 mm; the end pixels hold half a pixel of length, the others one.
        Assert.Equal([2.5, 3.0, 0.0, 2.5], t.LengthByDiameterClassMm);
        Assert.Equal(t.LengthMm, t.LengthByDiameterClassMm.Sum(), 12);
        Assert.Equal(0.8, t.MedianDiameterMm, 6);
        Assert.Equal(3.0, t.MaxDiameterMm, 6);
        Assert.Equal(["0-0.5", "0.5-1", "1-2", "2-inf"], OnePixelPerMm.DiameterClassNames());
    }

    [Fact]
    public void LengthsScaleWithCalibration()
    {
        using var line = TestRasters.FromText("#...", ".#..", "..##");
        var fine = MeasureSkeleton(line, 1, new RootTraitOptions { Calibration = new Calibration(10) });
        var coarse = MeasureSkeleton(line, 1, new RootTraitOptions { Calibration = new Calibration(1) });
        Assert.Equal(coarse.LengthMm / 10, fine.LengthMm, 12);
        Assert.Equal(coarse.AreaMm2 / 100, fine.AreaMm2, 12);
        Assert.Equal(coarse.VolumeMm3 / 1000, fine.VolumeMm3, 12);
        Assert.Equal(coarse.SkeletonPixels, fine.SkeletonPixels);
        Assert.Equal(10.0, Calibration.FromDotsPerInch(254).PixelsPerMm, 12);
    }

    [Fact]
    public void KimuraFormulaMatchesItsDefinition()
    {
        Assert.Equal(Math.Sqrt(9 + 25) + 2, RootTraitMeasurer.KimuraLength(4, 3), 12);
    }

    [Fact]
    public void BadInputsAreRejectedNamingTheArgument()
    {
        using var mask = TestRasters.FromText("##.");
        using var outside = TestRasters.FromText("..#");
        using var edt = TestRasters.Filled(3, 1, 1);
        Assert.Equal("skeleton", Assert.Throws<ArgumentException>(() => RootTraitMeasurer.Measure(mask, outside, edt, OnePixelPerMm)).ParamName);
        using var negative = TestRasters.Filled(3, 1, -1);
        Assert.Equal("distance", Assert.Throws<ArgumentException>(() => RootTraitMeasurer.Measure(mask, mask, negative, OnePixelPerMm)).ParamName);
        using var small = TestRasters.Filled(2, 1, 1);
        Assert.Equal("distance", Assert.Throws<ArgumentException>(() => RootTraitMeasurer.Measure(mask, mask, small, OnePixelPerMm)).ParamName);
        var badClasses = OnePixelPerMm with { DiameterClassBoundsMm = [1, 0.5] };
        Assert.Equal("DiameterClassBoundsMm", Assert.Throws<ArgumentException>(() => RootTraitMeasurer.Measure(mask, mask, edt, badClasses)).ParamName);
        var badDepth = OnePixelPerMm with { DepthOfFieldMm = 0 };
        Assert.Equal("DepthOfFieldMm", Assert.Throws<ArgumentException>(() => RootTraitMeasurer.Measure(mask, mask, edt, badDepth)).ParamName);
        Assert.Equal("pixelsPerMm", Assert.Throws<ArgumentOutOfRangeException>(() => new Calibration(double.NaN)).ParamName);
    }
}

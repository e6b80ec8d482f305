using RootSeg.Analysis.LineIntersect;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.LineIntersect;

public sealed class LineIntersectCounterTests
{
    private static readonly Calibration OnePixelPerMm = new(1);

    private static Raster<byte> Draw(int width, int height, Action<Raster<byte>> draw)
    {
        var mask = new Raster<byte>(width, height);
        draw(mask);
        return mask;
    }

    [Fact]
    public void LinesLieAtHalfSpacingInsideTheImage()
    {
        Assert.Equal([5, 15, 25, 35, 45, 55, 65, 75, 85, 95], LineIntersectCounter.LinePositions(100, 10, 0.5));
        // Offset 0 would put the first line on the image edge, where it is not laid.
        Assert.Equal([10, 20, 30], LineIntersectCounter.LinePositions(40, 10, 0));
        Assert.Equal([4, 11, 18], LineIntersectCounter.LinePositions(20, 7, 0.5));
    }

    [Fact]
    public void VerticalRootCrossesEveryHorizontalLineOnce()
    {
        using var mask = Draw(100, 100, m =>
        {
            for (var y = 0; y < 100; y++)
            {
                m[37, y] = 1;
            }
        });
        var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10);
        Assert.Equal(10, g.HorizontalLines);
        Assert.Equal(10, g.VerticalLines);
        Assert.Equal(10, g.HorizontalCrossings);
        Assert.Equal(0, g.VerticalCrossings);
        Assert.Equal(2000.0, g.LineLengthMm);
        Assert.Equal(5.0, g.RootIntensityPerM, 12);
        Assert.Equal(11.0 / 14 * 10 * 10, g.TennantLengthMm, 12);
        Assert.Equal(Math.PI * 10 * 10000 / (2 * 2000), g.NewmanLengthMm, 12);
    }

    [Fact]
    public void RootOnTheLineBoundaryFromEitherSideCountsOnce()
    {
        // Columns 34 and 35 touch the vertical line at x = 35 from the left and the right.
        using var left = Draw(100, 100, m => { for (var y = 0; y < 100; y++) { m[34, y] = 1; } });
        using var right = Draw(100, 100, m => { for (var y = 0; y < 100; y++) { m[35, y] = 1; } });
        foreach (var mask in new[] { left, right })
        {
            var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10);
            Assert.Equal(1, g.VerticalCrossings);
            Assert.Equal(10, g.HorizontalCrossings);
        }
    }

    [Fact]
    public void DiagonalRootTouchingTheLineFromBothSidesCountsOnce()
    {
        // An 8-connected diagonal meets each line as one pixel above and one below it, diagonally adjacent.
        using var mask = Draw(100, 100, m => { for (var i = 0; i < 100; i++) { m[i, i] = 1; } });
        var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10);
        Assert.Equal(10, g.HorizontalCrossings);
        Assert.Equal(10, g.VerticalCrossings);
        Assert.Equal(20, g.Crossings);
    }

    [Fact]
    public void SquareOutlineCrossesEachLineItSpansTwice()
    {
        // A one-pixel square outline from 22 to 78: lines 25..75 (6 per axis) each cross two sides.
        using var mask = Draw(100, 100, m =>
        {
            for (var i = 22; i <= 78; i++)
            {
                m[i, 22] = m[i, 78] = m[22, i] = m[78, i] = 1;
            }
        });
        var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10);
        Assert.Equal(12, g.HorizontalCrossings);
        Assert.Equal(12, g.VerticalCrossings);
    }

    [Fact]
    public void SeparateRootsOnOneLineCountSeparatelyAndAThickRootOnce()
    {
        // Three roots cross the horizontal line at y = 5: a thin one, a thick one, and one 1 pixel from the next.
        using var mask = TestRasters.FromText(
            "....................",
            "....................",
            "....................",
            "....................",
            ".#...####...#.#.....",
            ".#...####...#.#.....",
            "....................",
            "....................",
            "....................",
            "....................");
        var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10);
        Assert.Equal(1, g.HorizontalLines);
        Assert.Equal(4, g.HorizontalCrossings);
        // The vertical lines at x = 5 and x = 15 are touched by the thick root (column 5) and by column 14.
        Assert.Equal([5, 15], LineIntersectCounter.LinePositions(20, 10, 0.5));
        Assert.Equal(2, g.VerticalCrossings);
    }

    [Fact]
    public void EmptyAndFullMasks()
    {
        using var empty = TestRasters.Empty(50, 50);
        var e = LineIntersectCounter.CountGrid(empty, OnePixelPerMm, 10);
        Assert.Equal(0, e.Crossings);
        Assert.Equal(0.0, e.RootIntensityPerM);
        using var full = Draw(50, 50, m => m.Data.Fill(1));
        var f = LineIntersectCounter.CountGrid(full, OnePixelPerMm, 10);
        Assert.Equal(10, f.Crossings);
    }

    [Fact]
    public void GridLargerThanTheImageLaysNoLine()
    {
        using var mask = Draw(10, 10, m => m.Data.Fill(1));
        var g = LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 80);
        Assert.Equal(0, g.HorizontalLines + g.VerticalLines);
        Assert.True(double.IsNaN(g.RootIntensityPerM));
    }

    [Fact]
    public void DefaultGridsUseTheCalibration()
    {
        // 4 px/mm: the 10 mm grid is 40 px, so a 320 x 160 image holds 4 horizontal and 8 vertical 10 mm lines.
        using var mask = Draw(320, 160, m => { for (var x = 0; x < 320; x++) { m[x, 3] = 1; } });
        var grids = LineIntersectCounter.Count(mask, new LineIntersectOptions { Calibration = new Calibration(4) });
        Assert.Equal([10.0, 20, 40, 80], grids.Select(g => g.SpacingMm));
        var ten = grids[0];
        Assert.Equal(40.0, ten.SpacingPixels);
        Assert.Equal((4, 8), (ten.HorizontalLines, ten.VerticalLines));
        Assert.Equal(8, ten.Crossings);
        Assert.Equal((4 * 80.0 + 8 * 40.0) / 1000, ten.LineLengthM, 12);
        Assert.Equal(8 / ten.LineLengthM, ten.RootIntensityPerM, 12);
        // The 80 mm grid (320 px) fits one vertical line at x = 160; y = 160 is the bottom edge, so no horizontal one.
        Assert.Equal(0, grids[3].HorizontalLines);
        Assert.Equal(1, grids[3].VerticalLines);
    }

    [Fact]
    public void BadSettingsAreRejectedNamingTheArgument()
    {
        using var mask = TestRasters.Empty(20, 20);
        Assert.Equal("spacingMm", Assert.Throws<ArgumentOutOfRangeException>(() => LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 1.5)).ParamName);
        Assert.Equal("offsetFraction", Assert.Throws<ArgumentOutOfRangeException>(() => LineIntersectCounter.CountGrid(mask, OnePixelPerMm, 10, 1)).ParamName);
        var options = new LineIntersectOptions { Calibration = OnePixelPerMm, GridSpacingsMm = [] };
        Assert.Equal("GridSpacingsMm", Assert.Throws<ArgumentException>(() => LineIntersectCounter.Count(mask, options)).ParamName);
    }
}

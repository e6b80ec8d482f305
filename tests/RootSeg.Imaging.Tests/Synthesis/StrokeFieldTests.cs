using System.Numerics;
using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class StrokeFieldTests
{
    [Fact]
    public void HorizontalStrokeCoversThePixelCentresWithinItsRadius()
    {
        var field = new StrokeField(20, 10);
        field.AddSegment(new Vector2(2f, 5f), new Vector2(18f, 5f), 1f, 1f, 0);

        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 20; x++)
            {
                // Pixel centres (x + 0.5, y + 0.5); rows 4 and 5 have centres 0.5 from the line, rows 3 and 6 1.5.
                // The caps are round: columns 1 and 18 have centres 0.71 from the end points, columns 0 and 19 1.58.
                var centreInside = x >= 1 && x <= 18 && (y == 4 || y == 5);
                Assert.Equal(centreInside, field.Distance[y * 20 + x] <= 0f);
            }
        }
    }

    [Fact]
    public void RadiusVariesLinearlyAlongTheSegment()
    {
        var field = new StrokeField(40, 40);
        field.AddSegment(new Vector2(0.5f, 20f), new Vector2(40.5f, 20f), 0f, 8f, 0);

        // At x = 20.5 the radius is 4: the centre of row 16 (y 16.5) is 3.5 away, the centre of row 15 is 4.5.
        Assert.True(field.Distance[16 * 40 + 20] <= 0f);
        Assert.False(field.Distance[15 * 40 + 20] <= 0f);
        Assert.Equal(3.5f / 4f, field.Across[16 * 40 + 20], 1e-5f);
    }

    [Fact]
    public void NearestStrokeWinsAndFarPixelsStayUntouched()
    {
        var field = new StrokeField(30, 10);
        field.AddSegment(new Vector2(0f, 2.5f), new Vector2(30f, 2.5f), 1f, 1f, 7);
        field.AddSegment(new Vector2(0f, 7.5f), new Vector2(30f, 7.5f), 1f, 1f, 9);

        Assert.Equal(7, field.Id[2 * 30 + 15]);
        Assert.Equal(9, field.Id[7 * 30 + 15]);
        Assert.Equal(-1.0f, field.Distance[7 * 30 + 15], 1e-6f);
        Assert.Equal(1f, field.Coverage(7 * 30 + 15));
        Assert.Equal(0f, field.Coverage(5 * 30 + 15));
    }

    [Fact]
    public void SegmentsOutsideThePictureChangeNothing()
    {
        var field = new StrokeField(10, 10);
        field.AddSegment(new Vector2(-20f, -20f), new Vector2(-10f, -5f), 2f, 2f, 0);

        Assert.All(field.Distance, d => Assert.Equal(float.PositiveInfinity, d));
        Assert.All(field.Id, id => Assert.Equal(-1, id));
    }
}

using System.Numerics;
using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class CentreLineLengthTests
{
    [Theory]
    [InlineData(1f, 1f, 4f, 5f, 5.0)]          // wholly inside: the 3-4-5 triangle
    [InlineData(-5f, 2f, 15f, 2f, 10.0)]       // crosses both vertical edges of a 10-wide picture
    [InlineData(5f, -3f, 5f, 4f, 4.0)]         // enters through the top
    [InlineData(-4f, -4f, 14f, 14f, 14.142136)] // the full diagonal of the 10 x 10 picture
    [InlineData(12f, 1f, 20f, 9f, 0.0)]        // wholly to the right
    [InlineData(-3f, 5f, 5f, -3f, 2.828427)]   // cuts the top-left corner
    [InlineData(0f, 0f, 10f, 0f, 10.0)]        // along the top edge: the edge counts as inside
    [InlineData(3f, 3f, 3f, 3f, 0.0)]          // a point
    public void LengthInsideTheRectangle(float ax, float ay, float bx, float by, double expected)
    {
        var length = CentreLineLength.Inside(new Vector2(ax, ay), new Vector2(bx, by), 10f, 10f);

        Assert.Equal(expected, length, 1e-4);
    }

    [Fact]
    public void ClipReturnsOrderedParameters()
    {
        Assert.True(CentreLineLength.Clip(new Vector2(-10, 5), new Vector2(30, 5), 10, 10, out var t0, out var t1));
        Assert.Equal(0.25f, t0, 1e-6f);
        Assert.Equal(0.5f, t1, 1e-6f);
    }
}

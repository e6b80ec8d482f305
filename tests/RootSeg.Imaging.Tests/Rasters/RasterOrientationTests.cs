using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Rasters;

public sealed class RasterOrientationTests
{
    // Stored 3x2 image with samples 1..6:   1 2 3
    //                                       4 5 6
    [Theory]
    [InlineData(1, 3, new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(2, 3, new[] { 3, 2, 1, 6, 5, 4 })]
    [InlineData(3, 3, new[] { 6, 5, 4, 3, 2, 1 })]
    [InlineData(4, 3, new[] { 4, 5, 6, 1, 2, 3 })]
    [InlineData(5, 2, new[] { 1, 4, 2, 5, 3, 6 })]
    [InlineData(6, 2, new[] { 4, 1, 5, 2, 6, 3 })]
    [InlineData(7, 2, new[] { 6, 3, 5, 2, 4, 1 })]
    [InlineData(8, 2, new[] { 3, 6, 2, 5, 1, 4 })]
    public void EachOrientationMapsPixelsAsTheExifTableSays(int orientation, int width, int[] expected)
    {
        using var stored = new Raster<int>(3, 2, 1, stride: 5);
        for (var i = 0; i < 6; i++)
        {
            stored[i % 3, i / 3] = i + 1;
        }
        using var upright = RasterOrientation.ToUpright(stored, orientation);
        Assert.Equal(width, upright.Width);
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(i => upright[i % width, i / width]).ToArray());
        Assert.Equal(1, stored[0, 0]);
    }

    [Fact]
    public void ChannelsTravelTogether()
    {
        using var stored = new Raster<byte>(2, 1, 3);
        new byte[] { 10, 11, 12, 20, 21, 22 }.CopyTo(stored.Data);
        using var turned = RasterOrientation.ToUpright(stored, 6);
        Assert.Equal((1, 2), (turned.Width, turned.Height));
        Assert.Equal(new byte[] { 10, 11, 12 }, turned.Row(0).ToArray());
        Assert.Equal(new byte[] { 20, 21, 22 }, turned.Row(1).ToArray());
    }

    [Fact]
    public void RotationsUndoEachOther()
    {
        using var stored = new Raster<ushort>(5, 3, 2);
        for (var i = 0; i < stored.Data.Length; i++)
        {
            stored.Data[i] = (ushort)(i * 977);
        }
        using var clockwise = RasterOrientation.ToUpright(stored, 6);
        using var back = RasterOrientation.ToUpright(clockwise, 8);
        Assert.True(back.Data.SequenceEqual(stored.Data));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void OrientationOutsideOneToEightIsRefused(int orientation)
    {
        using var stored = new Raster<byte>(2, 2);
        Assert.Equal("orientation", Assert.Throws<ArgumentOutOfRangeException>(() => RasterOrientation.ToUpright(stored, orientation)).ParamName);
    }
}

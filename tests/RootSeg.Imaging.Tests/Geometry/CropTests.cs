using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Geometry;

public class CropTests
{
    [Fact]
    public void CopiesTheRectangle()
    {
        using var source = new Raster<short>(5, 4, 2);
        for (var i = 0; i < source.Data.Length; i++)
        {
            source.Data[i] = (short)i;
        }
        using var crop = Crop.Apply(source, 1, 2, 3, 2);
        Assert.Equal((3, 2, 2), (crop.Width, crop.Height, crop.Channels));
        Assert.Equal(source[1, 2, 0], crop[0, 0, 0]);
        Assert.Equal(source[3, 3, 1], crop[2, 1, 1]);
    }

    [Fact]
    public void RejectsRectanglesLeavingTheSource()
    {
        using var source = new Raster<byte>(5, 4);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Apply(source, 3, 0, 3, 1)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Apply(source, 0, 1, 1, 4)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Apply(source, -1, 0, 1, 1)).ParamName);
    }
}

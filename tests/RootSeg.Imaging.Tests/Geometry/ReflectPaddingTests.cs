using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Tests.Morphology;

namespace RootSeg.Imaging.Tests.Geometry;

public class ReflectPaddingTests
{
    [Fact]
    public void MatchesNumpyReflectIncludingPadsWiderThanTheImage()
    {
        foreach (var fixture in AlgFixtures.Load("padding.json").GetProperty("cases").EnumerateArray())
        {
            var width = fixture.GetProperty("width").GetInt32();
            var height = fixture.GetProperty("height").GetInt32();
            var input = AlgFixtures.Ints(fixture, "input");
            using var source = new Raster<int>(width, height);
            input.CopyTo(source.Data);
            int Pad(string side) => fixture.GetProperty(side).GetInt32();
            using var padded = ReflectPadding.Pad(source, Pad("top"), Pad("bottom"), Pad("left"), Pad("right"));
            Assert.Equal(width + Pad("left") + Pad("right"), padded.Width);
            Assert.Equal(height + Pad("top") + Pad("bottom"), padded.Height);
            AlgFixtures.Identical(AlgFixtures.Ints(fixture, "output"), AlgFixtures.Flatten(padded), padded.Width,
                $"{width}x{height} padded");
        }
    }

    [Theory]
    [InlineData(-1, 4, 1)]
    [InlineData(-3, 4, 3)]
    [InlineData(4, 4, 2)]
    [InlineData(6, 4, 0)]
    [InlineData(-7, 3, 1)]
    [InlineData(9, 1, 0)]
    public void ReflectIndexMirrorsWithoutRepeatingTheEdge(int index, int length, int expected) =>
        Assert.Equal(expected, ReflectPadding.ReflectIndex(index, length));

    [Fact]
    public void PadsEveryChannelOfAPixelTogether()
    {
        using var source = new Raster<byte>(3, 2, 3);
        for (var i = 0; i < source.Data.Length; i++)
        {
            source.Data[i] = (byte)i;
        }
        using var padded = ReflectPadding.Pad(source, 2);
        for (var c = 0; c < 3; c++)
        {
            // Padded (0, 0) is source (-2, -2): column 2 of 3, row 0 of 2; padded (6, 5) is source (4, 3).
            Assert.Equal(source[2, 0, c], padded[0, 0, c]);
            Assert.Equal(source[0, 1, c], padded[6, 5, c]);
        }
    }

    [Fact]
    public void RejectsNegativePads()
    {
        using var source = new Raster<byte>(3, 3);
        Assert.Equal("left", Assert.Throws<ArgumentOutOfRangeException>(() => ReflectPadding.Pad(source, 0, 0, -1, 0)).ParamName);
    }
}

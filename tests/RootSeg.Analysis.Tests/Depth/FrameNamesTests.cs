using RootSeg.Analysis.Depth;

namespace RootSeg.Analysis.Tests.Depth;

public sealed class FrameNamesTests
{
    [Theory]
    [InlineData("T002_L004_11.04.17_084840_004.jpg", "T002", 4, "11.04.17", "084840", "004")]
    [InlineData("/data/segroot/T010_L001_06.21.17_101112_012.jpg", "T010", 1, "06.21.17", "101112", "012")]
    [InlineData("CORN_T001_L001_2017.06.01_103000_001_DM.jpg", "T001", 1, "2017.06.01", "103000", "001")]
    [InlineData("T7_L12_2019.6.3.png", "T7", 12, "2019.6.3", "", "")]
    [InlineData("tube3-loc12-2019.06.10.png", "tube3", 12, "2019.06.10", "", "")]
    [InlineData("field2_tube04_window07_S3_2020-07-01.tif", "tube04", 7, "2020-07-01", "", "3")]
    public void WindowNames(string name, string tube, int location, string date, string time, string session)
    {
        Assert.True(FrameNames.TryParse(name, out var frame));
        Assert.Equal(new FrameInfo(tube, location, null, date, time, session), frame);
    }

    [Theory]
    [InlineData("tube03_depth40cm_2019-06-10_S2.png", "tube03", 400.0, "2019-06-10", "2")]
    [InlineData("T5_depth12.5.png", "T5", 12.5, "", "")]
    [InlineData("T5_depth120mm.png", "T5", 120.0, "", "")]
    public void DepthNames(string name, string tube, double depth, string date, string session)
    {
        Assert.True(FrameNames.TryParse(name, out var frame));
        Assert.Equal(new FrameInfo(tube, null, depth, date, "", session), frame);
    }

    [Theory]
    [InlineData("photo_001.jpg")]
    [InlineData("tube3.png")]
    [InlineData("L004_11.04.17.jpg")]
    public void NamesWithoutTubeAndWindowAreNotUnderstood(string name)
    {
        Assert.False(FrameNames.TryParse(name, out _));
        Assert.Contains(name, Assert.Throws<FormatException>(() => FrameNames.Parse(name)).Message);
    }

    [Fact]
    public void WindowDepthFollowsTheTubeAngle()
    {
        // depth = offset + location x height x cos(angle): 45 degrees, 13.5 mm windows, location 4, offset -5 mm.
        var geometry = new TubeGeometry(13.5, 45, -5);
        Assert.Equal(-5 + 4 * 13.5 * Math.Sqrt(0.5), geometry.DepthMm(4), 1e-12);
        Assert.Equal(54.0, new TubeGeometry(13.5, 0).DepthMm(4), 1e-12);
        Assert.Equal(-5 + 4 * 13.5 * Math.Sqrt(0.5), FrameNames.Parse("T002_L004_11.04.17_084840_004.jpg").ResolveDepthMm(geometry), 1e-12);
        Assert.Throws<InvalidOperationException>(() => FrameNames.Parse("T002_L004_11.04.17.jpg").ResolveDepthMm(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TubeGeometry(13.5, 90));
    }
}

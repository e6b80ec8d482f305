using RootSeg.Baseline.Frangi;
using RootSeg.Cli.Commands;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Tests;

public sealed class FrangiCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SegmentWritesEveryGoodPhotoAndOneErrorLinePerBadOne()
    {
        var photos = _folder.Folder("photos");
        var random = new Random(3);
        for (var i = 0; i < 2; i++)
        {
            using var photo = new Raster<byte>(24, 20, 3);
            random.NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(photos, $"p{i}.png"), photo);
        }
        File.WriteAllText(Path.Combine(photos, "broken.jpg"), "no image here");
        var parameters = _folder["params.json"];
        new FrangiParametersFile { Parameters = new FrangiParameters(2, 0.5, 0.5, 0.05, 5) }.Save(parameters);
        var output = _folder["out"];

        var (code, stdout, error) = TestFolder.Run(new FrangiCommand(), "segment", "--params", parameters,
            "--in", photos, "--out", output);

        Assert.Equal(1, code);
        var errorLines = error.Split('\n').Where(l => l.StartsWith("rootseg frangi: ", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        Assert.Contains("broken.jpg", errorLines[0]);
        Assert.Equal(["p0.png", "p1.png"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Contains("segmented 2, failed 1 (3 photos)", stdout);
    }
}

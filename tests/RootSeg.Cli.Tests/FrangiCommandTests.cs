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

    [Fact]
    public void SearchTunesOnTheTrainListOfTheFoldersSplit()
    {
        var data = _folder.Folder("data");
        var random = new Random(4);
        for (var i = 0; i < 4; i++)
        {
            using var photo = new Raster<byte>(24, 20, 3);
            random.NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(_folder.Folder("data/photos"), $"p{i}.png"), photo);
            using var mask = new Raster<byte>(24, 20);
            for (var y = 0; y < 20; y++)
            {
                mask[3 + i, y] = 255;
            }
            ImageFile.Write(Path.Combine(_folder.Folder("data/annotations"), $"p{i}.png"), mask);
        }
        Assert.Equal(0, TestFolder.Rootseg("split", "--data", data, "--test", "1", "--val", "1").Code);

        var (code, _, error) = TestFolder.Run(new FrangiCommand(), "search", "--data", data, "--params", _folder["params.json"],
            "--budget", "2", "--threads", "1");

        Assert.True(code == 0, error);
        Assert.Contains($"reading 2 training images from {data} (the train list of {Path.Combine(data, "split.json")})", error,
            StringComparison.Ordinal);
    }
}

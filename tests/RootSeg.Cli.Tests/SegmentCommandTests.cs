using RootSeg.Cli.Commands;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Tests;

public sealed class SegmentCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SaveModel() => AnalyseInputs.Model(_folder, inputTile: 188);

    private void WritePhotos(string folder, int count)
    {
        var random = new Random(2);
        for (var i = 0; i < count; i++)
        {
            using var photo = new Raster<byte>(9, 7, 3);
            random.NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(folder, $"p{i}.png"), photo);
        }
    }

    [Fact]
    public void BadPhotoGivesOneErrorLineAndExitCode1WhileTheOthersAreWritten()
    {
        var model = SaveModel();
        var photos = _folder.Folder("photos");
        WritePhotos(photos, 2);
        File.WriteAllText(Path.Combine(photos, "broken.jpg"), "no image here");
        var output = _folder["out"];

        var (code, _, error) = TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos, "--out", output,
            "--probabilities", "--threads", "1");

        Assert.Equal(1, code);
        var errorLines = error.Split('\n').Where(l => l.StartsWith("rootseg segment: ", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        Assert.Contains("broken.jpg: ", errorLines[0]);
        Assert.True(File.Exists(Path.Combine(output, "p0.png")));
        Assert.True(File.Exists(Path.Combine(output, "p1.prob.png")));
        Assert.False(File.Exists(Path.Combine(output, "broken.png")));
    }

    [Fact]
    public void ShardAndTileOptionsAreValidated()
    {
        var model = SaveModel();
        var photos = _folder.Folder("photos");
        WritePhotos(photos, 3);
        Assert.Throws<UsageException>(() => TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos,
            "--out", _folder["o"], "--shard", "4/3"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos,
            "--out", _folder["o"], "--tile", "190"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos,
            "--out", _folder["o"], "--tta", "rotate"));

        var (code, _, _) = TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos, "--out", _folder["o"],
            "--shard", "2/2", "--tile", "188", "--threads", "1");
        Assert.Equal(0, code);
        Assert.Equal(["p1.png"], Directory.GetFiles(_folder["o"], "*.png").Select(Path.GetFileName));
    }
}

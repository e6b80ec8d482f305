using RootSeg.Cli.Commands;

namespace RootSeg.Cli.Tests;

public sealed class AnnotateCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RefusesBadOptionsBeforeStartingAServer()
    {
        var missing = Assert.Throws<UsageException>(() => TestFolder.Run(new AnnotateCommand(), "--photos", _folder.Root));
        Assert.Contains("--project", missing.Message, StringComparison.Ordinal);
        var tile = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--tile", "200"));
        Assert.Contains("188 + 16k", tile.Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--device", "tpu"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--port", "70000"));
    }

    [Fact]
    public void NamesAMissingPhotoFolder()
    {
        var photos = _folder["no-photos-here"];
        var e = Assert.Throws<InvalidDataException>(() =>
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--photos", photos));
        Assert.Contains(photos, e.Message, StringComparison.Ordinal);
    }
}

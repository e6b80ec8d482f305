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
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--network", "unet-gn", "--tile", "200"));
        Assert.Contains("188 + 16k", tile.Message, StringComparison.Ordinal);
        var resnetTile = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--tile", "200"));
        Assert.StartsWith("--tile 200: must be a multiple of 32", resnetTile.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', resnetTile.Message);
        var network = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--network", "unet-same"));
        Assert.Contains("--network must be resnet18-unet or unet-gn", network.Message, StringComparison.Ordinal);
        var width = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new AnnotateCommand(), "--project", _folder["p"], "--width", "32"));
        Assert.Contains("ImageNet weights need the ResNet-18 width 64", width.Message, StringComparison.Ordinal);
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

using RootSeg.Imaging.Codecs;

namespace RootSeg.Imaging.Tests.Codecs;

public sealed class WriteErrorTests
{
    [Theory]
    [InlineData("out.bmp")]
    [InlineData("out")]
    [InlineData("out.tif")]
    public void UnwritableExtensionsAreRefusedByName(string name)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(4, 4, 3);
        var error = Assert.Throws<ArgumentException>(() => ImageFile.Write(folder.File(name), raster));
        Assert.Equal("path", error.ParamName);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void AMissingFolderGivesTheDomainException()
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(4, 4, 3);
        var path = Path.Combine(folder.Path, "no", "such", "out.png");
        var error = Assert.Throws<ImageFileException>(() => ImageFile.Write(path, raster));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ADirectoryAsDestinationGivesTheDomainException()
    {
        using var folder = new TempFolder();
        var path = folder.File("taken.png");
        Directory.CreateDirectory(path);
        using var raster = Scenes.Bytes(4, 4, 3);
        var error = Assert.Throws<ImageFileException>(() => ImageFile.Write(path, raster));
        Assert.Contains("directory", error.Message);
    }
}

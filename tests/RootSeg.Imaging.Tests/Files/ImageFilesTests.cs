using RootSeg.Imaging.Files;

namespace RootSeg.Imaging.Tests.Files;

public sealed class ImageFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rootseg-list-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ListsImagesSortedAndLeavesOutHiddenAndAppleDoubleFiles()
    {
        foreach (var name in new[] { "b.JPG", "a.png", "c.tiff", "._a.png", ".hidden.jpg", "notes.txt", "d.jpeg", "e.tif" })
        {
            File.WriteAllText(Path.Combine(_folder, name), "x");
        }
        Directory.CreateDirectory(Path.Combine(_folder, "sub.png"));

        var names = ImageFiles.InFolder(_folder).Select(Path.GetFileName);

        Assert.Equal(["a.png", "b.JPG", "c.tiff", "d.jpeg", "e.tif"], names);
        Assert.False(ImageFiles.IsImageName("/x/._photo.jpg"));
        Assert.True(ImageFiles.IsImageName("/x/.y/photo.PNG"));
        Assert.StartsWith(Path.Combine(_folder, "absent"), Assert.Throws<DirectoryNotFoundException>(
            () => ImageFiles.InFolder(Path.Combine(_folder, "absent"))).Message);
    }
}

using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class DatasetIndexTests
{
    [Fact]
    public void PairsByStemAcrossExtensions()
    {
        using var dir = new TemporaryDirectory();
        dir.Touch("photos/b.JPG");
        dir.Touch("photos/a.tif");
        dir.Touch("photos/c.png");
        dir.Touch("photos/notes.txt");
        dir.Touch("annotations/a.png");
        dir.Touch("annotations/b.jpeg");
        dir.Touch("annotations/d.tiff");
        var index = DatasetIndex.Scan(dir.Path);
        Assert.Equal(["a", "b"], index.Stems);
        Assert.EndsWith("b.JPG", index.Pairs[1].PhotoPath);
        Assert.EndsWith("b.jpeg", index.Pairs[1].AnnotationPath);
        Assert.Equal(["c.png"], index.PhotosWithoutAnnotations.Select(Path.GetFileName));
        Assert.Equal(["d.tiff"], index.AnnotationsWithoutPhotos.Select(Path.GetFileName));
        var e = Assert.Throws<InvalidDataException>(() => index.ThrowIfIncomplete());
        Assert.Contains("1 photo(s) without an annotation: c.png", e.Message);
        Assert.Contains("d.tiff", e.Message);
    }

    [Fact]
    public void CompleteDatasetPasses()
    {
        using var dir = new TemporaryDirectory();
        dir.Touch("photos/x.jpg");
        dir.Touch("annotations/x.png");
        var index = DatasetIndex.Scan(dir.Path);
        index.ThrowIfIncomplete();
        Assert.Single(index.Pairs);
    }

    [Fact]
    public void RejectsDuplicateStemsAndMissingFolders()
    {
        using var dir = new TemporaryDirectory();
        dir.Touch("photos/a.jpg");
        dir.Touch("photos/a.png");
        dir.Touch("annotations/a.png");
        var e = Assert.Throws<InvalidDataException>(() => DatasetIndex.Scan(dir.Path));
        Assert.Contains("share the stem 'a'", e.Message);
        using var empty = new TemporaryDirectory();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => DatasetIndex.Scan(empty.Path));
        Assert.Contains("photos", missing.Message);
    }
}

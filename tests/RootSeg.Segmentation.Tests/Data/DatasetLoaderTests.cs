using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class DatasetLoaderTests
{
    /// <summary>Decodes nothing: makes rasters whose size and root count come from the file name.</summary>
    private sealed class SizedReader(int width, int height) : IDatasetReader
    {
        public List<string> Read { get; } = [];

        public Raster<byte> ReadPhoto(string path)
        {
            Read.Add(path);
            return new Raster<byte>(width, height, 3);
        }

        public Raster<byte> ReadAnnotation(string path)
        {
            Read.Add(path);
            var labels = new Raster<byte>(path.Contains("wide") ? width + 1 : width, height);
            var roots = Path.GetFileNameWithoutExtension(path).Length;
            for (var i = 0; i < roots; i++)
            {
                labels.Data[i] = AnnotationLabels.Root;
            }
            labels.Data[^1] = AnnotationLabels.Unlabelled;
            return labels;
        }
    }

    [Fact]
    public void LoadsListedStemsInOrderAndCountsRoots()
    {
        using var dir = new TemporaryDirectory();
        foreach (var stem in new[] { "aa", "b", "cccc" })
        {
            dir.Touch($"photos/{stem}.jpg");
            dir.Touch($"annotations/{stem}.png");
        }
        var index = DatasetIndex.Scan(dir.Path);
        var reader = new SizedReader(8, 6);
        var images = DatasetLoader.Load(index, ["cccc", "aa"], reader);
        Assert.Equal(["cccc", "aa"], images.Select(i => i.Stem));
        Assert.Equal(4, DatasetLoader.CountRootPixels(index.Pairs[2].AnnotationPath, reader));
        foreach (var image in images)
        {
            image.Dispose();
        }
        Assert.Throws<ArgumentException>("stems", () => DatasetLoader.Load(index, ["zz"], reader));
    }

    [Fact]
    public void SizeMismatchNamesBothFiles()
    {
        using var dir = new TemporaryDirectory();
        dir.Touch("photos/wide.jpg");
        dir.Touch("annotations/wide.png");
        var index = DatasetIndex.Scan(dir.Path);
        var e = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(index, ["wide"], new SizedReader(8, 6)));
        Assert.Contains("wide.png is 9x6 but", e.Message);
        Assert.Contains("wide.jpg is 8x6", e.Message);
    }
}

using RootSeg.Annotate.Projects;
using RootSeg.Annotate.Training;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Annotate.Tests;

public sealed class ConversionTests
{
    [Fact]
    public void UploadsAreStoredInTheExactRootPainterColours()
    {
        using var upload = new Raster<byte>(4, 1, 4);
        byte[][] pixels = [[200, 10, 0, 128], [0, 90, 30, 255], [255, 0, 0, 0], [0, 0, 255, 255]];
        for (var x = 0; x < 4; x++)
        {
            for (var c = 0; c < 4; c++)
            {
                upload[x, 0, c] = pixels[x][c];
            }
        }
        using var stored = AnnotationUpload.Canonical(upload, out var labelled);
        Assert.Equal(2, labelled);
        Assert.Equal([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0], stored.Row(0).ToArray());
    }

    [Fact]
    public void SegmentationsAreCyanAtSeventyPercent()
    {
        using var mask = new Raster<byte>(2, 1);
        mask[1, 0] = 1;
        using var rgba = SegmentationImage.FromMask(mask);
        Assert.Equal([0, 0, 0, 0, 0, 255, 255, 178], rgba.Row(0).ToArray());
    }

    [Fact]
    public void ReadsAProjectFileRootPainterWrote()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".seg_proj");
        File.WriteAllText(path, """
            {"name": "p", "dataset": "d", "original_model_file": "random weights", "location": "projects/p",
             "file_names": ["b.jpg", "a.jpg"]}
            """);
        try
        {
            var file = ProjectFile.Read(path);
            Assert.Equal(["b.jpg", "a.jpg"], file.FileNames);
            Assert.Null(file.PhotoDirectory);
            File.WriteAllText(path, "{ not json");
            var e = Assert.Throws<InvalidDataException>(() => ProjectFile.Read(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

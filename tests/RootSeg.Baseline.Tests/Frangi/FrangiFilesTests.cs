using RootSeg.Baseline.Frangi;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Tests.Frangi;

/// <summary>Reading a dataset folder and writing masks, on tiny PNGs made here.</summary>
public sealed class FrangiFilesTests : IDisposable
{
    private static readonly FrangiParameters Good = new(2, 0.5, 0.05, 0.2, 30);
    private readonly string _folder = Directory.CreateTempSubdirectory("frangi-files-").FullName;

    public FrangiFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "photos"));
        Directory.CreateDirectory(Path.Combine(_folder, "annotations"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes the synthetic scene as an RGB photo and a 0/255 annotation under <paramref name="stem"/>.</summary>
    private void WriteScene(string stem, bool withAnnotation = true)
    {
        var (grey, labels) = FrangiSegmenterTests.Scene(brightRoots: true);
        using (grey)
        using (labels)
        using (var photo = new Raster<byte>(grey.Width, grey.Height, 3))
        using (var annotation = new Raster<byte>(grey.Width, grey.Height))
        {
            for (var y = 0; y < grey.Height; y++)
            {
                for (var x = 0; x < grey.Width; x++)
                {
                    var v = (byte)Math.Round(grey[x, y] * 255);
                    photo[x, y, 0] = photo[x, y, 1] = photo[x, y, 2] = v;
                    annotation[x, y] = labels[x, y] == 1 ? (byte)255 : (byte)0;
                }
            }
            ImageFile.Write(Path.Combine(_folder, "photos", stem + ".png"), photo);
            if (withAnnotation)
            {
                ImageFile.Write(Path.Combine(_folder, "annotations", stem + ".png"), annotation);
            }
        }
    }

    [Fact]
    public void DatasetPairsPhotosWithAnnotationsByStem()
    {
        WriteScene("b");
        WriteScene("a");
        WriteScene("lonely", withAnnotation: false);
        Assert.Equal(["a", "b"], FrangiDataset.Stems(_folder));
        var images = FrangiDataset.Load(_folder, ["b", "a"], 2);
        try
        {
            Assert.Equal(["b", "a"], images.Select(i => i.Stem));
            Assert.Equal(1, images[0].Labels[21, 5]);
            Assert.Equal(0, images[0].Labels[5, 5]);
            Assert.Equal(0.6, images[0].Grey[21, 5], 0.03);
            Assert.True(new FrangiObjective(images).MeanF1(Good) > 0.9);
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }

    [Fact]
    public void MissingAnnotationIsNamed()
    {
        WriteScene("lonely", withAnnotation: false);
        var e = Assert.Throws<FileNotFoundException>(() => FrangiDataset.Load(_folder, ["lonely"]));
        Assert.Contains("lonely", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        var data = Path.Combine(_folder, "nothing");
        var e = Assert.Throws<DirectoryNotFoundException>(() => FrangiDataset.Stems(data));
        Assert.Contains(Path.Combine(data, "photos"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitFileGivesTheTrainingStems()
    {
        var split = Path.Combine(_folder, "split.json");
        File.WriteAllText(split, """{"train": ["x", "y"], "validation": ["z"], "test": []}""");
        Assert.Equal(["x", "y"], FrangiDataset.TrainingStems(split));
        File.WriteAllText(split, """{"validation": ["z"]}""");
        var e = Assert.Throws<InvalidDataException>(() => FrangiDataset.TrainingStems(split));
        Assert.Contains(split, e.Message, StringComparison.Ordinal);
        File.WriteAllText(split, "{");
        Assert.Contains(split, Assert.Throws<InvalidDataException>(() => FrangiDataset.TrainingStems(split)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void BatchWritesOneGreyPngMaskPerPhotoNamedByStem()
    {
        WriteScene("a");
        WriteScene("b");
        var photos = FrangiBatch.Photos(Path.Combine(_folder, "photos"));
        Assert.Equal(2, photos.Count);
        var outDir = Path.Combine(_folder, "masks");
        foreach (var photo in photos)
        {
            FrangiBatch.SegmentFile(photo, outDir, Good);
        }
        Assert.Equal(["a.png", "b.png"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        using var written = ImageFile.ReadGrey(Path.Combine(outDir, "a.png"));
        using var photoRaster = ImageFile.ReadRgb(photos[0]);
        using var expected = FrangiSegmenter.Segment(photoRaster, Good);
        Assert.Equal(expected.Data.ToArray(), written.Data.ToArray());
        Assert.Contains((byte)255, written.Data.ToArray());
    }

    [Fact]
    public void EmptyFolderAndMissingPathAreNamed()
    {
        var empty = Path.Combine(_folder, "annotations");
        Assert.Contains(empty, Assert.Throws<FileNotFoundException>(() => FrangiBatch.Photos(empty)).Message,
            StringComparison.Ordinal);
        var missing = Path.Combine(_folder, "missing.jpg");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => FrangiBatch.Photos(missing)).Message,
            StringComparison.Ordinal);
    }
}

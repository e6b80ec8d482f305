using System.Text.Json;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Interop;
using RootSeg.Segmentation.Tests.Data;

namespace RootSeg.Segmentation.Tests.Interop;

public sealed class RootPainterTests
{
    private const int Width = 6, Height = 5;

    private static byte[] Pixels(Raster<byte> raster) =>
        Enumerable.Range(0, raster.Height).SelectMany(y => raster.Row(y).ToArray()).ToArray();

    private static Raster<byte> Labels(int seed, bool partial)
    {
        var random = new Random(seed);
        var labels = new Raster<byte>(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                labels[x, y] = (byte)(partial && random.Next(3) == 0 ? 255 : random.Next(2));
            }
        }
        return labels;
    }

    // A dataset folder: photos a-d; a, b and d annotated in grey (root 255), c in RootPainter RGBA with unlabelled
    // pixels; masks for a and b.
    private static (string Dataset, string Masks) MakeDataset(string root)
    {
        var photos = Directory.CreateDirectory(Path.Combine(root, "ds", "photos")).FullName;
        var annotations = Directory.CreateDirectory(Path.Combine(root, "ds", "annotations")).FullName;
        var masks = Directory.CreateDirectory(Path.Combine(root, "masks")).FullName;
        var random = new Random(1);
        foreach (var (stem, i) in new[] { "a", "b", "c", "d" }.Select((s, i) => (s, i)))
        {
            using var photo = new Raster<byte>(Width, Height, 3);
            random.NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(photos, stem + ".png"), photo);
            using var labels = Labels(i, partial: stem == "c");
            if (stem == "c")
            {
                using var rgba = RootPainterColours.EncodeAnnotation(labels);
                ImageFile.Write(Path.Combine(annotations, stem + ".png"), rgba);
            }
            else
            {
                using var grey = new Raster<byte>(Width, Height);
                for (var y = 0; y < Height; y++)
                {
                    for (var x = 0; x < Width; x++)
                    {
                        grey[x, y] = (byte)(labels[x, y] * 255);
                    }
                }
                ImageFile.Write(Path.Combine(annotations, stem + ".png"), grey);
                if (stem != "d")
                {
                    ImageFile.Write(Path.Combine(masks, stem + ".png"), grey);
                }
            }
        }
        return (Path.Combine(root, "ds"), masks);
    }

    [Fact]
    public void ProjectRoundTripKeepsPhotosLabelsSplitAndSegmentations()
    {
        using var folder = new TemporaryDirectory();
        var (dataset, masks) = MakeDataset(folder.Path);
        var index = DatasetIndex.Scan(dataset);
        var sync = Path.Combine(folder.Path, "sync");

        var projectFolder = RootPainterWriter.Write(index, ["a", "b"], ["c"], sync, "roots", "tubes", masks);
        var project = RootPainterProject.Read(projectFolder);

        Assert.Equal("roots", project.Name);
        Assert.Equal(["a", "b"], project.Train.Select(p => p.Stem));
        Assert.Equal(["c"], project.Validation.Select(p => p.Stem));
        Assert.Equal(["a.png", "b.png", "c.png", "d.png"], Directory.GetFiles(project.DatasetDirectory).Select(Path.GetFileName).Order());
        foreach (var pair in project.Train.Concat(project.Validation))
        {
            var original = index.Pairs.Single(p => p.Stem == pair.Stem);
            Assert.Equal(File.ReadAllBytes(original.PhotoPath), File.ReadAllBytes(pair.PhotoPath));
            using var before = AnnotationMask.Read(original.AnnotationPath);
            using var after = AnnotationMask.Read(pair.AnnotationPath);
            Assert.Equal(Pixels(before.Labels), Pixels(after.Labels));
            using var rgba = ImageFile.Read(pair.AnnotationPath);
            Assert.Equal(4, rgba.Channels);
        }
        Assert.Equal(["a", "b"], project.Segmentations.Keys.Order(StringComparer.Ordinal));
        using (var mask = ImageFile.ReadGrey(Path.Combine(masks, "a.png")))
        using (var rgba = ImageFile.Read(project.Segmentations["a"]))
        using (var decoded = RootPainterColours.DecodeSegmentation(rgba.Samples8))
        {
            Assert.Equal(Pixels(mask).Select(v => (byte)(v >= 128 ? 1 : 0)), Pixels(decoded));
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(projectFolder, "roots.seg_proj")));
        Assert.Equal("tubes", json.RootElement.GetProperty("dataset").GetString());
        Assert.Equal("projects/roots", json.RootElement.GetProperty("location").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("file_names").GetArrayLength());

        Assert.Throws<IOException>(() => RootPainterWriter.Write(index, ["a"], [], sync, "roots", "other"));
    }

    [Fact]
    public void FullyAnnotatedRootPainterImageIsReadAsRootPainterColours()
    {
        using var folder = new TemporaryDirectory();
        using var labels = Labels(7, partial: false);
        using var rgba = RootPainterColours.EncodeAnnotation(labels);
        var path = Path.Combine(folder.Path, "full.png");
        ImageFile.Write(path, rgba);

        using var read = AnnotationMask.Read(path);

        // Green (background) must not be taken for root by the grey rule although no pixel is transparent.
        Assert.Equal(Pixels(labels), Pixels(read.Labels));
    }

    [Fact]
    public void DatasetFolderWithTrainAndValAnnotationFoldersIsIndexedAndSplit()
    {
        using var folder = new TemporaryDirectory();
        var (dataset, _) = MakeDataset(folder.Path);
        var annotations = Path.Combine(dataset, "annotations");
        Directory.CreateDirectory(Path.Combine(annotations, "train"));
        Directory.CreateDirectory(Path.Combine(annotations, "val"));
        File.Move(Path.Combine(annotations, "a.png"), Path.Combine(annotations, "train", "a.png"));
        File.Move(Path.Combine(annotations, "b.png"), Path.Combine(annotations, "train", "b.png"));
        File.Move(Path.Combine(annotations, "c.png"), Path.Combine(annotations, "val", "c.png"));

        var index = DatasetIndex.Scan(dataset);
        var (train, validation) = RootPainterLayout.Split(dataset);

        Assert.Equal(["a", "b", "c", "d"], index.Stems);
        Assert.Empty(index.PhotosWithoutAnnotations);
        Assert.Equal(["a", "b"], train);
        Assert.Equal(["c"], validation);
        File.Copy(Path.Combine(annotations, "d.png"), Path.Combine(annotations, "val", "d.png"));
        Assert.Contains("d.png", Assert.Throws<InvalidDataException>(() => DatasetIndex.Scan(dataset)).Message);
    }
}

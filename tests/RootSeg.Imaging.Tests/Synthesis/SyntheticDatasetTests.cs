using System.Globalization;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class SyntheticDatasetTests : IDisposable
{
    private static readonly RootPhotoOptions Small = new() { Width = 96, Height = 80 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rootseg-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void WritesPhotosAnnotationsAndTruthInTheDatasetLayout()
    {
        var records = SyntheticDataset.Write(_root, 3, 11, Small);

        Assert.Equal(["synth_0000", "synth_0001", "synth_0002"], records.Select(r => r.Name));
        Assert.Equal(["synth_0000.jpg", "synth_0001.jpg", "synth_0002.jpg"], Files("photos"));
        Assert.Equal(["synth_0000.png", "synth_0001.png", "synth_0002.png"], Files("annotations"));
        var lines = File.ReadAllLines(Path.Combine(_root, SyntheticDataset.TruthFileName));
        Assert.Equal(SyntheticDataset.TruthHeader, lines[0]);
        Assert.Equal(4, lines.Length);
        for (var i = 0; i < 3; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal(records[i].Name, fields[0]);
            Assert.Equal(records[i].Seed, int.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(records[i].TrueLength, double.Parse(fields[2], CultureInfo.InvariantCulture), 1e-3);
            Assert.Equal(records[i].RootPixels, long.Parse(fields[4], CultureInfo.InvariantCulture));
        }
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void FilesHoldTheImagesTheSynthesizerDraws()
    {
        var records = SyntheticDataset.Write(_root, 2, 5, Small);
        var synthesizer = new RootPhotoSynthesizer(Small);
        foreach (var record in records)
        {
            Assert.Equal(SyntheticDataset.ImageSeed(5, records.ToList().IndexOf(record)), record.Seed);
            using var expected = synthesizer.Generate(record.Seed);
            using var mask = ImageFile.ReadGrey(Path.Combine(_root, "annotations", record.Name + ".png"));
            using var photo = ImageFile.ReadRgb(Path.Combine(_root, "photos", record.Name + ".jpg"));

            Assert.Equal(expected.TrueLength, record.TrueLength);
            Assert.Equal(SynthesisAssert.Count(expected.Mask, 1), record.RootPixels);
            long differences = 0;
            double error = 0;
            for (var y = 0; y < Small.Height; y++)
            {
                for (var x = 0; x < Small.Width; x++)
                {
                    differences += mask[x, y] == expected.Mask[x, y] * 255 ? 0 : 1;
                    for (var c = 0; c < 3; c++)
                    {
                        error += Math.Abs(photo[x, y, c] - expected.Photo[x, y, c]);
                    }
                }
            }
            Assert.Equal(0, differences);
            // JPEG at quality 95 moves a noisy photo by about a grey level on average.
            Assert.InRange(error / (Small.Width * Small.Height * 3), 0.0, 3.0);
        }
    }

    [Fact]
    public void SameArgumentsGiveIdenticalFiles()
    {
        var first = Path.Combine(_root, "a");
        var second = Path.Combine(_root, "b");
        SyntheticDataset.Write(first, 2, 9, Small);
        SyntheticDataset.Write(second, 2, 9, Small);

        foreach (var file in new[] { "photos/synth_0001.jpg", "annotations/synth_0001.png", "truth.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Fact]
    public void NeighbouringSeedsShareNoImage()
    {
        var seeds0 = Enumerable.Range(0, 50).Select(i => SyntheticDataset.ImageSeed(0, i));
        var seeds1 = Enumerable.Range(0, 50).Select(i => SyntheticDataset.ImageSeed(1, i));

        Assert.Empty(seeds0.Intersect(seeds1));
        Assert.Equal(50, seeds0.Distinct().Count());
    }

    [Fact]
    public void NamesWidenForLargeDatasets()
    {
        Assert.Equal("synth_0042", SyntheticDataset.ImageName(42, 10000));
        Assert.Equal("synth_00042", SyntheticDataset.ImageName(42, 10001));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("directory", Assert.ThrowsAny<ArgumentException>(() => SyntheticDataset.Write(" ", 1, 0)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => SyntheticDataset.Write(_root, 0, 0)).ParamName);
        Assert.Equal(nameof(RootPhotoOptions.Width), Assert.ThrowsAny<ArgumentException>(
            () => SyntheticDataset.Write(_root, 1, 0, new RootPhotoOptions { Width = 0 })).ParamName);
        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public void AFileInPlaceOfTheFolderIsReported()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "taken");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<IOException>(() => SyntheticDataset.Write(file, 1, 0, Small));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    private string[] Files(string folder) =>
        Directory.GetFiles(Path.Combine(_root, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}

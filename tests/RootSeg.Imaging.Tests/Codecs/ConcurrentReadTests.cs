using RootSeg.Imaging.Codecs;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>Reads from many threads at once give the same pixels and the same errors as reads one at a time.</summary>
public sealed class ConcurrentReadTests
{
    [Fact]
    public void ParallelReadsMatchSequentialReads()
    {
        string[] files = ["photo420.jpg", "orientation6.jpg", "rgb16.png", "palette.png", "grey16_tiles.tif", "palette.tif", "rgb8_orientation6.tif"];
        var expected = files.Select(f => Checksum(IoFixtures.PathOf(f))).ToArray();
        var actual = new long[files.Length * 8];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => actual[i] = Checksum(IoFixtures.PathOf(files[i % files.Length])));
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % files.Length], actual[i]);
        }
    }

    [Fact]
    public void ParallelFailuresEachGiveTheDomainException()
    {
        using var folder = new TempFolder();
        var whole = File.ReadAllBytes(IoFixtures.PathOf("rgb8_strips_deflate.tif"));
        var paths = Enumerable.Range(0, 16).Select(i =>
        {
            var path = folder.File($"cut{i}.tif");
            File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
            return path;
        }).ToArray();
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, path =>
        {
            var error = Assert.Throws<ImageFileException>(() => ImageFile.Read(path).Dispose());
            Assert.Equal(path, error.Path);
        });
    }

    private static long Checksum(string path)
    {
        using var image = ImageFile.Read(path);
        long sum = image.Width * 31 + image.Height;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width * image.Channels; x++)
            {
                sum = sum * 131 + (image.Is16Bit ? image.Samples16.Row(y)[x] : image.Samples8.Row(y)[x]);
            }
        }
        return sum;
    }
}

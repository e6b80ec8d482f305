using System.IO.Compression;
using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class TorchZipWriterTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WrittenFileReadsBackIdenticalForEveryDType()
    {
        var tensors = new StateDict();
        tensors.Add("conv.weight", StoredTensor.FromFloats([1f, 2f, 3f, 4f, 5f, 6f], [1, 2, 3]));
        tensors.Add("bn.num_batches_tracked", StoredTensor.FromInt64s([long.MaxValue], []));
        tensors.Add("empty", StoredTensor.FromFloats([], [3, 0]));
        foreach (var dtype in Enum.GetValues<StoredDType>())
        {
            var bytes = Enumerable.Range(1, 2 * dtype.ElementSize()).Select(i => (byte)(dtype == StoredDType.Bool ? i % 2 : i * 29)).ToArray();
            tensors.Add($"all.{dtype}", new StoredTensor(dtype, [2], bytes));
        }
        var path = _folder.File("model.pt");

        TorchZipWriter.Write(path, tensors);
        var read = TorchPickleReader.Read(path);

        Assert.Equal(tensors.Keys, read.Keys);
        Assert.All(tensors, pair => Assert.True(pair.Value.ContentEquals(read[pair.Key]), pair.Key));
    }

    [Fact]
    public void LayoutIsTheZipFormatOfTorchSave()
    {
        var tensors = new StateDict();
        tensors.Add("a", StoredTensor.FromFloats([1f, 2f], [2]));
        tensors.Add("b", StoredTensor.FromInt64s([3], [1]));
        var path = _folder.File("model.pt");

        TorchZipWriter.Write(path, tensors);

        using var archive = ZipFile.OpenRead(path);
        Assert.Equal(["archive/data.pkl", "archive/data/0", "archive/data/1", "archive/version", "archive/byteorder"],
            archive.Entries.Select(e => e.FullName));
        Assert.All(archive.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
        Assert.Equal(8, archive.GetEntry("archive/data/1")!.Length);
    }

    [Theory]
    [InlineData("weights_zip.pt")]
    [InlineData("weights_legacy.pt")]
    public void ReexportedPyTorchStateDictMatchesTheOriginal(string file)
    {
        var original = TorchPickleReader.Read(WeightFixtures.PathOf(file));
        var path = _folder.File("again.pt");

        TorchZipWriter.Write(path, original);

        WeightFixtures.AssertMatches(WeightFixtures.Section("weights"), TorchPickleReader.Read(path));
    }
}

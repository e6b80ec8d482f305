using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class WeightFilesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("weights_zip.pt")]
    [InlineData("weights_legacy.pt")]
    public void TorchFilesAreRecognisedByContent(string file)
    {
        var path = _folder.File("checkpoint_73.pkl");
        File.Copy(WeightFixtures.PathOf(file), path);

        WeightFixtures.AssertMatches(WeightFixtures.Section("weights"), WeightFiles.Read(path));
    }

    [Fact]
    public void SafetensorsFilesAreRecognisedByContent()
    {
        var path = _folder.File("model.pkl");
        File.Copy(WeightFixtures.PathOf("reference.safetensors"), path);

        WeightFixtures.AssertMatches(WeightFixtures.Section("safetensors").GetProperty("tensors"), WeightFiles.Read(path));
    }

    [Fact]
    public void SafetensorsWhoseHeaderLengthStartsWith0x80IsNotTakenForAPickle()
    {
        var path = _folder.File("padded.safetensors");
        var tensors = new StateDict();
        // A name long enough that the padded header is 128 bytes, so the file's first byte is 0x80 like a pickle's.
        tensors.Add(new string('w', 73), StoredTensor.FromFloats([1f], [1]));
        SafetensorsFile.Write(path, tensors);
        Assert.Equal(0x80, File.ReadAllBytes(path)[0]);

        Assert.Equal([1f], WeightFiles.Read(path)[new string('w', 73)].ToFloatArray());
    }

    [Fact]
    public void CheckpointOptionsReachTheTorchReader()
    {
        var tensors = WeightFiles.Read(WeightFixtures.PathOf("checkpoint_legacy.pt"),
            new TorchImportOptions { RemovePrefix = TorchImportOptions.DataParallelPrefix });

        WeightFixtures.AssertMatches(WeightFixtures.Section("checkpoint"), tensors);
    }

    [Fact]
    public void OtherFilesThrowNamingTheFile()
    {
        var path = _folder.File("notes.txt");
        File.WriteAllText(path, "hello");

        Assert.Equal(path, Assert.Throws<WeightFileException>(() => WeightFiles.Read(path)).FilePath);
        Assert.Contains("cannot be read", Assert.Throws<WeightFileException>(() => WeightFiles.Read(_folder.File("none"))).Problem);
    }
}

using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class TorchPickleReaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly TorchImportOptions StripModule = new() { RemovePrefix = TorchImportOptions.DataParallelPrefix };

    [Theory]
    [InlineData("weights_zip.pt")]
    [InlineData("weights_legacy.pt")]
    [InlineData("weights_protocol4.pt")]
    public void ReadsTorchSavedStateDictExactly(string file)
    {
        var tensors = TorchPickleReader.Read(WeightFixtures.PathOf(file));

        WeightFixtures.AssertMatches(WeightFixtures.Section("weights"), tensors);
    }

    [Theory]
    [InlineData("weights_zip.pt")]
    [InlineData("weights_legacy.pt")]
    [InlineData("weights_protocol4.pt")]
    public void ViewsAndSharedStoragesComeOutContiguous(string file)
    {
        var tensors = TorchPickleReader.Read(WeightFixtures.PathOf(file));

        // base = arange(12).reshape(3, 4) * 0.5 - 1; transposed = base.t(); slice = base[1:, 1:3].
        Assert.Equal([-1f, 1f, 3f, -0.5f, 1.5f, 3.5f, 0f, 2f, 4f, 0.5f, 2.5f, 4.5f], tensors["extra.transposed"].ToFloatArray());
        Assert.Equal([1.5f, 2f, 3.5f, 4f], tensors["extra.slice"].ToFloatArray());
        Assert.Equal([0f, 1f, 2f, 0f, 1f, 2f], tensors["extra.expanded"].ToFloatArray());
        Assert.Equal([1L], tensors["bn.num_batches_tracked"].ToInt64Array());
        Assert.Equal(StoredDType.Int64, tensors["bn.num_batches_tracked"].DType);
        Assert.Empty(tensors["bn.num_batches_tracked"].Shape);
    }

    [Theory]
    [InlineData("checkpoint_zip.pt")]
    [InlineData("checkpoint_legacy.pt")]
    public void FindsTheStateDictNestedInACheckpointAndStripsDataParallelPrefix(string file)
    {
        var path = WeightFixtures.PathOf(file);

        var found = TorchPickleReader.Read(path, StripModule);
        var named = TorchPickleReader.Read(path, StripModule with { StateDictKey = "state_dict" });
        var raw = TorchPickleReader.Read(path);

        WeightFixtures.AssertMatches(WeightFixtures.Section("checkpoint"), found);
        WeightFixtures.AssertMatches(WeightFixtures.Section("checkpoint"), named);
        Assert.All(raw.Keys, name => Assert.StartsWith("module.", name));
        Assert.Equal(found.Keys.Select(k => "module." + k), raw.Keys);
    }

    [Theory]
    [InlineData("missing", "has no key 'missing'; its top-level keys are ['epoch', 'state_dict', 'optimizer'")]
    [InlineData("epoch", "'epoch' is not a dict of tensors")]
    [InlineData("optimizer", "'optimizer' is not a dict of tensors")]
    public void WrongStateDictKeyThrowsNamingTheKeys(string key, string problem)
    {
        var path = WeightFixtures.PathOf("checkpoint_zip.pt");

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path, new() { StateDictKey = key }));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void DisallowedGlobalInATorchSavedFileIsRefused()
    {
        var path = WeightFixtures.PathOf("disallowed_global.pt");

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("global 'posix.system' is not allowed", error.Problem);
    }

    [Fact]
    public void PickleThatWouldRunAShellCommandIsRefusedBeforeAnyCall()
    {
        var path = _folder.File("evil.pt");
        var marker = _folder.File("ran");
        TorchZip.Write(path, new PickleBytes().Global("os", "system").Str($"touch {marker}").Raw(0x85).Op('R').Stop().ToArray());

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("global 'os.system' is not allowed", error.Problem);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void ZipWithoutDataPklThrows()
    {
        var path = _folder.File("nodata.pt");
        TorchZip.Write(path, new Dictionary<string, byte[]> { ["archive/version"] = "3\n"u8.ToArray() });

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("no <folder>/data.pkl", error.Problem);
    }

    [Fact]
    public void ZipWithoutVersionThrows()
    {
        var path = _folder.File("noversion.pt");
        TorchZip.Write(path, new Dictionary<string, byte[]> { ["model/data.pkl"] = new PickleBytes().Op('}').Stop().ToArray() });

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("lacks a numeric model/version record", error.Problem);
    }

    [Fact]
    public void HandMadeZipWithSharedStorageAndOddArchiveFolderReads()
    {
        var path = _folder.File("shared.pt");
        var pickle = new PickleBytes().Global("collections", "OrderedDict").Op(')').Op('R').Op('(')
            .Str("a").Tensor("FloatStorage", "0", 6, 0, [2, 2], [1, 2])
            .Str("b").Tensor("FloatStorage", "0", 6, 4, [2], [1])
            .Op('u').Stop().ToArray();
        var storage = new[] { 1f, 2f, 3f, 4f, 5f, 6f }.SelectMany(BitConverter.GetBytes).ToArray();
        TorchZip.Write(path, new Dictionary<string, byte[]>
        {
            ["checkpoint_73/data.pkl"] = pickle,
            ["checkpoint_73/version"] = "1"u8.ToArray(),
            ["checkpoint_73/data/0"] = storage,
        });

        var tensors = TorchPickleReader.Read(path);

        Assert.Equal(["a", "b"], tensors.Keys);
        Assert.Equal([1f, 3f, 2f, 4f], tensors["a"].ToFloatArray());
        Assert.Equal([5f, 6f], tensors["b"].ToFloatArray());
    }

    [Fact]
    public void ViewBeyondItsStorageThrows()
    {
        var path = _folder.File("overrun.pt");
        var pickle = new PickleBytes().Op('}').Str("w").Tensor("FloatStorage", "0", 3, 1, [2, 2], [2, 1]).Op('s').Stop().ToArray();
        TorchZip.Write(path, pickle, new Dictionary<string, byte[]> { ["0"] = new byte[12] });

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("reaches element 4 of storage '0', which has 3", error.Problem);
    }

    [Fact]
    public void StorageRecordShorterThanDeclaredThrows()
    {
        var path = _folder.File("short.pt");
        var pickle = new PickleBytes().Op('}').Str("w").Tensor("LongStorage", "0", 2, 0, [2], [1]).Op('s').Stop().ToArray();
        TorchZip.Write(path, pickle, new Dictionary<string, byte[]> { ["0"] = new byte[12] });

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("storage '0' holds 12 bytes but 2 Int64 elements need 16", error.Problem);
    }

    [Fact]
    public void MissingStorageRecordThrows()
    {
        var path = _folder.File("nostorage.pt");
        TorchZip.Write(path, new PickleBytes().Op('}').Str("w").Tensor("FloatStorage", "7", 1, 0, [1], [1]).Op('s').Stop().ToArray());

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("lacks storage record archive/data/7", error.Problem);
    }

    [Fact]
    public void SeveralTensorDictsAreAmbiguousWithoutAKey()
    {
        var path = _folder.File("two.pt");
        var pickle = new PickleBytes().Op('}').Op('(')
            .Str("model").Op('}').Str("w").Tensor("FloatStorage", "0", 1, 0, [1], [1]).Op('s')
            .Str("ema").Op('}').Str("w").Tensor("FloatStorage", "0", 1, 0, [1], [1]).Op('s')
            .Op('u').Stop().ToArray();
        TorchZip.Write(path, pickle, new Dictionary<string, byte[]> { ["0"] = BitConverter.GetBytes(2.5f) });

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));
        var chosen = TorchPickleReader.Read(path, new() { StateDictKey = "ema" });

        Assert.Contains("several dicts of tensors ('model', 'ema')", error.Problem);
        Assert.Equal([2.5f], chosen["w"].ToFloatArray());
    }

    [Theory]
    [InlineData(new byte[] { 0xff }, "opcode 0xff is not supported")]
    [InlineData(new byte[] { (byte)'h', 9 }, "memo key 9 was never stored")]
    [InlineData(new byte[] { (byte)'X', 0xff, 0xff, 0, 0 }, "runs past the end")]
    [InlineData(new byte[] { (byte)'N', (byte)'N', (byte)'.' }, "not exactly one value")]
    [InlineData(new byte[] { (byte)'N', (byte)'N', (byte)'N', (byte)'s' }, "SETITEM on a None")]
    public void MalformedPickleThrows(byte[] opcodes, string problem)
    {
        var path = _folder.File("bad.pt");
        TorchZip.Write(path, new PickleBytes().Raw(opcodes).ToArray());

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void DeeplyNestedDictKeyIsRefusedWithoutExhaustingTheStack()
    {
        var path = _folder.File("nested.pt");
        var pickle = new PickleBytes().Op('}').Op('N');
        for (var i = 0; i < 200_000; i++)
        {
            pickle.Raw(0x85);
        }
        TorchZip.Write(path, pickle.Op('N').Op('s').Stop().ToArray());

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("dict key of type Object[] is not supported", error.Problem);
    }

    [Fact]
    public void ImpossibleStorageSizeIsRefusedBeforeAllocating()
    {
        var path = _folder.File("huge.pt");
        TorchZip.Write(path, new PickleBytes().Op('}').Str("w").Tensor("DoubleStorage", "0", int.MaxValue, 0, [int.MaxValue], [1]).Op('s').Stop().ToArray());

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains($"storage '0' has an impossible element count {int.MaxValue}", error.Problem);
    }

    [Theory]
    [InlineData("weights_legacy.pt")]
    [InlineData("weights_zip.pt")]
    [InlineData("checkpoint_legacy.pt")]
    public void TruncatedFileThrowsNamingTheFile(string file)
    {
        var bytes = File.ReadAllBytes(WeightFixtures.PathOf(file));
        foreach (var keep in new[] { 1, 30, bytes.Length / 3, bytes.Length / 2, bytes.Length - 9, bytes.Length - 1 })
        {
            var path = _folder.File($"cut{keep}.pt");
            File.WriteAllBytes(path, bytes[..keep]);

            var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path, StripModule));

            Assert.Equal(path, error.FilePath);
        }
    }

    [Fact]
    public void OtherFilesAreNotTorchFiles()
    {
        var path = _folder.File("notes.txt");
        File.WriteAllText(path, "not weights");

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("not a torch.save file", error.Problem);
        Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(_folder.File("absent.pt")));
    }
}

using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

/// <summary>Hand-made files in torch.save's legacy layout, for the cases PyTorch 1.13 no longer writes or never writes.</summary>
public sealed class LegacyFormatTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly byte[] SixFloats = new[] { 1f, 2f, 3f, 4f, 5f, 6f }.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] OneTensor(Action<PickleBytes> storage, int offset, int[] size, int[] stride) =>
        new PickleBytes().Op('}').Str("w").RebuildTensor(storage, offset, size, stride).Op('s').Stop().ToArray();

    [Fact]
    public void StorageViewsOfOldPyTorchVersionsResolveIntoTheirRoot()
    {
        var path = _folder.File("view.pt");
        var pickle = new PickleBytes().Op('}')
            .Str("view").RebuildTensor(p => p.LegacyStorage("FloatStorage", "root", 6, ("v", 2, 3)), 1, [2], [1]).Op('s')
            .Str("whole").RebuildTensor(p => p.LegacyStorage("FloatStorage", "root", 6), 0, [3, 2], [2, 1]).Op('s')
            .Stop().ToArray();
        LegacyTorchFile.Write(path, pickle, [("root", 6, SixFloats)]);

        var tensors = TorchPickleReader.Read(path);

        Assert.Equal([4f, 5f], tensors["view"].ToFloatArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], tensors["whole"].ToFloatArray());
        Assert.Equal([3L, 2L], tensors["whole"].Shape);
    }

    [Fact]
    public void Python2StringsAndBuiltinsRead()
    {
        var path = _folder.File("py2.pt");
        // SHORT_BINSTRING keys and __builtin__.set, as Python 2 pickles them.
        var pickle = new PickleBytes().Op('}')
            .Op('U').Raw(1, (byte)'w').RebuildTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [6], [1]).Op('s')
            .Stop().ToArray();
        LegacyTorchFile.Write(path, pickle, [("0", 6, SixFloats)]);
        var checkpointPath = _folder.File("py2checkpoint.pt");
        var checkpoint = new PickleBytes().Op('}')
            .Op('U').Raw(4).Raw("tags"u8.ToArray()).Global("__builtin__", "set").Op(']').Op('(').Str("a").Op('e').Op('\x85').Op('R').Op('s')
            .Op('U').Raw(5).Raw("model"u8.ToArray()).Op('}').Str("w").RebuildTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [1], [1]).Op('s').Op('s')
            .Stop().ToArray();
        LegacyTorchFile.Write(checkpointPath, checkpoint, [("0", 6, SixFloats)]);

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], TorchPickleReader.Read(path)["w"].ToFloatArray());
        Assert.Equal([1f], TorchPickleReader.Read(checkpointPath)["w"].ToFloatArray());
    }

    [Fact]
    public void ElementCountDisagreeingWithThePickleThrows()
    {
        var path = _folder.File("count.pt");
        LegacyTorchFile.Write(path, OneTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [6], [1]), [("0", 5, SixFloats[..20])]);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("storage '0' is recorded with 5 elements but used as 6", error.Problem);
    }

    [Fact]
    public void StorageMissingFromTheKeyListThrows()
    {
        var path = _folder.File("missing.pt");
        LegacyTorchFile.Write(path, OneTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [6], [1]), [], listedKeys: []);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("storage '0' is used but its data is missing", error.Problem);
    }

    [Fact]
    public void UnknownKeyInTheKeyListThrows()
    {
        var path = _folder.File("unknown.pt");
        LegacyTorchFile.Write(path, OneTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [6], [1]), [("0", 6, SixFloats)], listedKeys: ["9"]);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("names '9', which the object does not use", error.Problem);
    }

    [Fact]
    public void ViewOutsideItsRootThrows()
    {
        var path = _folder.File("badview.pt");
        LegacyTorchFile.Write(path, OneTensor(p => p.LegacyStorage("FloatStorage", "0", 6, ("v", 4, 3)), 0, [3], [1]), [("0", 6, SixFloats)]);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("storage view 'v' [4, 7) lies outside storage '0' of 6 elements", error.Problem);
    }

    [Fact]
    public void WrongMagicNumberThrows()
    {
        var path = _folder.File("magic.pt");
        LegacyTorchFile.Write(path, OneTensor(p => p.LegacyStorage("FloatStorage", "0", 6), 0, [6], [1]), [("0", 6, SixFloats)], goodMagic: false);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("magic number", error.Problem);
    }

    [Fact]
    public void WholePickledModelIsRefusedWithAHint()
    {
        var path = _folder.File("model.pt");
        var pickle = new PickleBytes().Op('(').Str("module").Str("Net").Str("net.py").Str("source").Op('t').Op('Q').Stop().ToArray();
        LegacyTorchFile.Write(path, pickle, []);

        var error = Assert.Throws<WeightFileException>(() => TorchPickleReader.Read(path));

        Assert.Contains("only state dicts (model.state_dict()) can be read", error.Problem);
    }
}

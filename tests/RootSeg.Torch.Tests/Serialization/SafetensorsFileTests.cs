using System.Buffers.Binary;
using System.Text;
using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static StateDict EveryDType()
    {
        var tensors = new StateDict();
        tensors.Add("down.0.weight", StoredTensor.FromFloats([1.5f, -2f, float.Epsilon, float.MaxValue, -0f, 3.25f], [2, 3]));
        tensors.Add("bn.num_batches_tracked", StoredTensor.FromInt64s([long.MinValue + 1], []));
        tensors.Add("empty", StoredTensor.FromFloats([], [0, 4]));
        var seed = 1;
        foreach (var dtype in Enum.GetValues<StoredDType>())
        {
            var bytes = Enumerable.Range(0, 3 * dtype.ElementSize()).Select(i => (byte)(seed * 37 + i * 11)).ToArray();
            if (dtype == StoredDType.Bool)
            {
                bytes = [1, 0, 1];
            }
            tensors.Add($"all.{dtype}", new StoredTensor(dtype, [3, 1], bytes));
            seed++;
        }
        return tensors;
    }

    [Fact]
    public void RoundTripKeepsTensorsOrderAndMetadata()
    {
        var path = _folder.File("model.safetensors");
        var tensors = EveryDType();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["model"] = "{\"name\": \"unet\", \"groups\": 32}",
            ["note"] = "grüße \u2713 \"quoted\" \\ back",
            ["empty"] = "",
        };

        SafetensorsFile.Write(path, tensors, metadata);
        var read = SafetensorsFile.Read(path);

        Assert.Equal(tensors.Keys, read.Tensors.Keys);
        foreach (var (name, tensor) in tensors)
        {
            Assert.True(tensor.ContentEquals(read.Tensors[name]), name);
        }
        Assert.Equal(metadata.OrderBy(p => p.Key), read.Metadata.OrderBy(p => p.Key));
        Assert.Equal(metadata.OrderBy(p => p.Key), SafetensorsFile.ReadMetadata(path).OrderBy(p => p.Key));
    }

    [Fact]
    public void WrittenHeaderIsPaddedJsonAndDataFollowsInOrder()
    {
        var path = _folder.File("layout.safetensors");
        var tensors = new StateDict();
        tensors.Add("b", StoredTensor.FromFloats([1f], [1]));
        tensors.Add("a", StoredTensor.FromInt64s([2, 3], [2]));

        SafetensorsFile.Write(path, tensors);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 4 + 16, bytes.Length);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        Assert.Equal(
            "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[4,20]}}",
            header.TrimEnd(' '));
        Assert.Equal(1f, BitConverter.ToSingle(bytes, 8 + headerLength));
        Assert.Equal(3L, BitConverter.ToInt64(bytes, 8 + headerLength + 12));
        Assert.DoesNotContain("__metadata__", header);
    }

    [Fact]
    public void WriteReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        var path = _folder.File("model.safetensors");
        File.WriteAllText(path, "old contents");
        var tensors = new StateDict();
        tensors.Add("w", StoredTensor.FromFloats([4f], []));

        SafetensorsFile.Write(path, tensors);

        Assert.Equal([4f], SafetensorsFile.Read(path).Tensors["w"].ToFloatArray());
        Assert.Equal(["model.safetensors"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteRefusesReservedNameAndMissingFolder()
    {
        var reserved = new StateDict();
        reserved.Add("__metadata__", StoredTensor.FromFloats([1f], [1]));
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(_folder.File("x.safetensors"), reserved));

        var missing = _folder.File(Path.Combine("no-such-folder", "x.safetensors"));
        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Write(missing, new StateDict()));
        Assert.Contains("does not exist", error.Problem);
    }

    [Fact]
    public void ReadsTheFileWrittenByThePythonReferenceWriterExactly()
    {
        var read = SafetensorsFile.Read(WeightFixtures.PathOf("reference.safetensors"));

        var expected = WeightFixtures.Section("safetensors");
        WeightFixtures.AssertMatches(expected.GetProperty("tensors"), read.Tensors);
        var metadata = expected.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(metadata.OrderBy(p => p.Key), read.Metadata.OrderBy(p => p.Key));
    }

    public static TheoryData<string, string, int, string> CorruptHeaders => new()
    {
        { "not json", "{\"a\": {\"dtype\": \"F32\",", 4, "not valid JSON" },
        { "not an object", "[1, 2]", 0, "does not start with '{'" },
        { "unknown dtype", "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4, "unknown or unsupported dtype 'F8_E4M3'" },
        { "shape and size disagree", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "needs 8 bytes" },
        { "offsets past the end", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4, "runs past the data section" },
        { "overlapping offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "overlaps" },
        { "gap between tensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "belong to no tensor" },
        { "trailing bytes", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6, "belong to no tensor" },
        { "reversed offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4, "begin <= end" },
        { "negative extent", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0, "not a non-negative integer" },
        { "missing field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "lacks one of" },
        { "duplicate name", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2, "names 'a' twice" },
        { "metadata not strings", "{\"__metadata__\":{\"epoch\":73}}", 0, "metadata 'epoch' is a Number" },
    };

    [Theory]
    [MemberData(nameof(CorruptHeaders))]
    public void CorruptHeaderThrowsNamingTheFile(string label, string header, int dataBytes, string problem)
    {
        var path = _folder.File(label.Replace(' ', '_') + ".safetensors");
        var json = Encoding.UTF8.GetBytes(header);
        WriteRaw(path, (ulong)json.Length, json, new byte[dataBytes]);

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void HeaderLengthBeyondTheFileThrows()
    {
        var path = _folder.File("long.safetensors");
        WriteRaw(path, 1000, "{}"u8.ToArray(), []);

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("header length 1000 runs past the end", error.Problem);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    [InlineData(-1)]
    [InlineData(-6)]
    [InlineData(-21)]
    public void TruncatedFileThrowsNamingTheFile(int keep)
    {
        var path = _folder.File("model.safetensors");
        SafetensorsFile.Write(path, EveryDType());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, keep > 0 ? bytes[..keep] : bytes[..^-keep]);

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Matches("too short|runs past|belong to no tensor", error.Problem);
    }

    [Fact]
    public void MissingFileThrowsNamingIt()
    {
        var path = _folder.File("absent.safetensors");

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("cannot be read", error.Problem);
    }

    private static void WriteRaw(string path, ulong headerLength, byte[] header, byte[] data)
    {
        using var stream = File.Create(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, headerLength);
        stream.Write(prefix);
        stream.Write(header);
        stream.Write(data);
    }
}

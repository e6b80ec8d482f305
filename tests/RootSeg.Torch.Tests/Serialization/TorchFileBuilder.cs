using System.IO.Compression;
using System.Text;

namespace RootSeg.Torch.Tests.Serialization;

/// <summary>Emits protocol-2 pickle opcodes one by one, for hand-made (often broken) torch.save files.</summary>
internal sealed class PickleBytes
{
    private readonly List<byte> _bytes = [0x80, 0x02];

    public byte[] ToArray() => [.. _bytes];

    public PickleBytes Op(char opcode) => Raw((byte)opcode);

    public PickleBytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public PickleBytes Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleBytes Str(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Op('X').Raw(BitConverter.GetBytes(utf8.Length)).Raw(utf8);
    }

    public PickleBytes Int(int value) => Op('J').Raw(BitConverter.GetBytes(value));

    /// <summary>Pushes a tuple of the given ints.</summary>
    public PickleBytes IntTuple(params int[] values)
    {
        Op('(');
        foreach (var value in values)
        {
            Int(value);
        }
        return Op('t');
    }

    /// <summary>Pushes a zip-format persistent storage ('storage', torch.&lt;type&gt;, key, 'cpu', numel) and loads it.</summary>
    public PickleBytes Storage(string type, string key, int count) =>
        Op('(').Str("storage").Global("torch", type).Str(key).Str("cpu").Int(count).Op('t').Op('Q');

    /// <summary>Pushes _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).</summary>
    public PickleBytes Tensor(string type, string key, int count, int offset, int[] size, int[] stride) =>
        Global("torch._utils", "_rebuild_tensor_v2").Op('(').Storage(type, key, count).Int(offset).IntTuple(size)
            .IntTuple(stride).Raw(0x89).Global("collections", "OrderedDict").Op(')').Op('R').Op('t').Op('R');

    public PickleBytes Stop() => Op('.');
}

/// <summary>Writes zip archives laid out like torch.save's, from given records.</summary>
internal static class TorchZip
{
    public static void Write(string path, IReadOnlyDictionary<string, byte[]> records)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in records)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
            stream.Write(bytes);
        }
    }

    public static void Write(string path, byte[] pickle, IReadOnlyDictionary<string, byte[]>? storages = null)
    {
        var records = new Dictionary<string, byte[]> { ["archive/data.pkl"] = pickle, ["archive/version"] = "3\n"u8.ToArray() };
        foreach (var (key, bytes) in storages ?? new Dictionary<string, byte[]>())
        {
            records[$"archive/data/{key}"] = bytes;
        }
        Write(path, records);
    }
}

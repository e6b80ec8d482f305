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

    /// <summary>
    /// Pushes a legacy persistent storage ('storage', torch.&lt;type&gt;, key, 'cpu', numel, view) and loads it; view
    /// is None or (view key, offset, size).
    /// </summary>
    public PickleBytes LegacyStorage(string type, string key, int count, (string Key, int Offset, int Size)? view = null)
    {
        Op('(').Str("storage").Global("torch", type).Str(key).Str("cpu").Int(count);
        if (view is { } v)
        {
            Op('(').Str(v.Key).Int(v.Offset).Int(v.Size).Op('t');
        }
        else
        {
            Op('N');
        }
        return Op('t').Op('Q');
    }

    /// <summary>Pushes _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).</summary>
    public PickleBytes Tensor(string type, string key, int count, int offset, int[] size, int[] stride) =>
        RebuildTensor(p => p.Storage(type, key, count), offset, size, stride);

    /// <summary>Pushes _rebuild_tensor_v2 around a storage that <paramref name="storage"/> pushes.</summary>
    public PickleBytes RebuildTensor(Action<PickleBytes> storage, int offset, int[] size, int[] stride)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Op('(');
        storage(this);
        return Int(offset).IntTuple(size).IntTuple(stride).Raw(0x89).Global("collections", "OrderedDict").Op(')').Op('R')
            .Op('t').Op('R');
    }

    public PickleBytes Stop() => Op('.');
}

/// <summary>Writes files in torch.save's legacy layout: five pickles, then each storage as a count and its bytes.</summary>
internal static class LegacyTorchFile
{
    /// <summary>0x1950a86a20f9469cfc6c, little-endian, as LONG1 writes it.</summary>
    private static readonly byte[] Magic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    public static void Write(string path, byte[] objectPickle, IEnumerable<(string Key, long Count, byte[] Bytes)> storages,
        IEnumerable<string>? listedKeys = null, bool goodMagic = true)
    {
        var stored = storages.ToList();
        using var file = File.Create(path);
        file.Write(new PickleBytes().Raw(0x8a, 10).Raw(goodMagic ? Magic : new byte[10]).Stop().ToArray());
        file.Write(new PickleBytes().Op('M').Raw(0xe9, 0x03).Stop().ToArray());
        file.Write(new PickleBytes().Op('}').Str("little_endian").Raw(0x88).Op('s').Stop().ToArray());
        file.Write(objectPickle);
        var keys = new PickleBytes().Op(']').Op('(');
        foreach (var key in listedKeys ?? stored.Select(s => s.Key))
        {
            keys.Str(key);
        }
        file.Write(keys.Op('e').Stop().ToArray());
        foreach (var (_, count, bytes) in stored)
        {
            file.Write(BitConverter.GetBytes(count));
            file.Write(bytes);
        }
    }
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

using System.Buffers.Binary;
using System.Numerics;

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// Reads the legacy format of <c>torch.save</c> (before PyTorch 1.6, and later with
/// <c>_use_new_zipfile_serialization=False</c>): five pickles in a row (magic number, protocol version 1001, system
/// info, the object with persistent ids <c>('storage', type, key, location, numel, view)</c>, the list of storage keys),
/// then each listed storage as an 8-byte little-endian element count followed by its raw bytes.
/// </summary>
internal static class TorchLegacyLoader
{
    private static readonly BigInteger MagicNumber = BigInteger.Parse("119547037146038801333356");
    private const long ProtocolVersion = 1001;

    /// <summary>Unpickles the object in <paramref name="data"/> and fills in its storages.</summary>
    public static object? Load(byte[] data)
    {
        var position = 0;
        object? Next(Func<object?, object?> persistentLoad)
        {
            var machine = new PickleMachine(data, position, persistentLoad);
            var value = machine.Run();
            position = machine.Position;
            return value;
        }
        static object? NoPersistentIds(object? id) => throw new InvalidDataException("unexpected persistent id in a header pickle");

        var magic = Next(NoPersistentIds);
        if (magic is not BigInteger number || number != MagicNumber)
        {
            throw new InvalidDataException("does not start with the magic number of torch.save's legacy format");
        }
        if (Next(NoPersistentIds) is not long protocol || protocol != ProtocolVersion)
        {
            throw new InvalidDataException($"legacy format protocol is not {ProtocolVersion}");
        }
        if (Next(NoPersistentIds) is PyDict info && info.TryGet("little_endian", out var little) && little is false)
        {
            throw new InvalidDataException("storages were written big-endian; only little-endian is supported");
        }

        var roots = new Dictionary<string, (StoredDType DType, long Count)>(StringComparer.Ordinal);
        var filled = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var views = new Dictionary<string, TorchStorage>(StringComparer.Ordinal);
        ReadOnlyMemory<byte> Fetch(string key) => filled.TryGetValue(key, out var bytes)
            ? bytes
            : throw new InvalidDataException($"storage '{key}' is used but its data is missing from the file");
        object? PersistentLoad(object? id)
        {
            if (id is object?[] { Length: > 0 } t && t[0] is "module")
            {
                throw new InvalidDataException("holds a whole pickled model; only state dicts (model.state_dict()) can be read");
            }
            if (id is not object?[] { Length: 6 } tuple || tuple[0] is not "storage" || tuple[2] is not string key ||
                tuple[4] is not long count || !TorchGlobals.TryStorageType(tuple[1], out var dtype))
            {
                throw new InvalidDataException("persistent id is not ('storage', storage type, key, location, numel, view)");
            }
            if (!roots.TryAdd(key, (dtype, count)) && roots[key] != (dtype, count))
            {
                throw new InvalidDataException($"storage '{key}' is described twice differently");
            }
            var root = new TorchStorage(dtype, count, key, () => Fetch(key));
            switch (tuple[5])
            {
                case null:
                    return root;
                case object?[] { Length: 3 } view when view[0] is string viewKey && view[1] is long offset && view[2] is long size:
                    if (!views.TryGetValue(viewKey, out var storage))
                    {
                        if (offset < 0 || size < 0 || offset + size > count)
                        {
                            throw new InvalidDataException($"storage view '{viewKey}' [{offset}, {offset + size}) lies outside storage '{key}' of {count} elements");
                        }
                        var width = dtype.ElementSize();
                        storage = new TorchStorage(dtype, size, viewKey, () => root.Bytes.Slice((int)(offset * width), (int)(size * width)));
                        views.Add(viewKey, storage);
                    }
                    return storage;
                default:
                    throw new InvalidDataException($"storage '{key}' has a malformed view description");
            }
        }

        var result = Next(PersistentLoad);
        if (Next(NoPersistentIds) is not List<object?> keys)
        {
            throw new InvalidDataException("storage key list is missing");
        }
        foreach (var item in keys)
        {
            if (item is not string key || !roots.TryGetValue(key, out var root))
            {
                throw new InvalidDataException($"storage key list names '{item}', which the object does not use");
            }
            if (data.Length - position < 8)
            {
                throw new InvalidDataException($"data ends before the element count of storage '{key}'");
            }
            var count = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(position, 8));
            position += 8;
            var length = count * root.DType.ElementSize();
            if (count != root.Count || length > data.Length - position)
            {
                throw new InvalidDataException(count != root.Count
                    ? $"storage '{key}' is recorded with {count} elements but used as {root.Count}"
                    : $"data ends inside storage '{key}' ({length} bytes from byte {position} of {data.Length})");
            }
            filled[key] = data.AsMemory(position, (int)length);
            position += (int)length;
        }
        return result;
    }
}

using System.IO.Compression;
using System.Text;

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// Reads the zip format of <c>torch.save</c> (PyTorch 1.6 and later): a folder holding <c>data.pkl</c> (the object
/// pickle, whose persistent ids are <c>('storage', type, key, location, numel)</c>), <c>data/&lt;key&gt;</c> (each
/// storage's raw little-endian bytes), <c>version</c> and, since PyTorch 2.1, <c>byteorder</c>.
/// </summary>
internal static class TorchZipLoader
{
    /// <summary>Unpickles the archive's object and hands it to <paramref name="use"/> while storages can still be read.</summary>
    public static T Load<T>(Stream stream, Func<object?, T> use)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var pickles = archive.Entries
            .Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length)
            .ToList();
        if (pickles.Count != 1)
        {
            throw new InvalidDataException(pickles.Count == 0
                ? "zip archive has no <folder>/data.pkl, so it is not a torch.save file"
                : $"zip archive has {pickles.Count} top-level data.pkl files");
        }
        var folder = pickles[0].FullName[..^"data.pkl".Length];
        var version = ReadText(archive.GetEntry(folder + "version") ?? archive.GetEntry(folder + ".data/version"));
        if (version is null || !int.TryParse(version.Trim(), out _))
        {
            throw new InvalidDataException($"zip archive lacks a numeric {folder}version record");
        }
        var byteOrder = ReadText(archive.GetEntry(folder + "byteorder"));
        if (byteOrder is not null && byteOrder.Trim() != "little")
        {
            throw new InvalidDataException($"storages are stored '{byteOrder.Trim()}'-endian; only little-endian is supported");
        }
        var storages = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        ReadOnlyMemory<byte> Fetch(string key)
        {
            if (!storages.TryGetValue(key, out var bytes))
            {
                var entry = archive.GetEntry($"{folder}data/{key}")
                    ?? throw new InvalidDataException($"zip archive lacks storage record {folder}data/{key}");
                bytes = ReadAll(entry);
                storages.Add(key, bytes);
            }
            return bytes;
        }
        object? PersistentLoad(object? id)
        {
            if (id is not object?[] { Length: 5 } tuple || tuple[0] is not "storage" || tuple[2] is not string key ||
                tuple[4] is not long count || !TorchGlobals.TryStorageType(tuple[1], out var dtype))
            {
                throw new InvalidDataException("persistent id is not ('storage', storage type, key, location, numel)");
            }
            return new TorchStorage(dtype, count, key, () => Fetch(key));
        }
        var pickle = ReadAll(pickles[0]);
        var root = new PickleMachine(pickle, 0, PersistentLoad).Run();
        return use(root);
    }

    private static string? ReadText(ZipArchiveEntry? entry) => entry is null ? null : Encoding.ASCII.GetString(ReadAll(entry));

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        if (entry.Length > Array.MaxLength)
        {
            throw new InvalidDataException($"zip record {entry.FullName} is too large ({entry.Length} bytes)");
        }
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }
}

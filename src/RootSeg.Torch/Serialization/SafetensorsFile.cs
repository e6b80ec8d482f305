using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// Reads and writes weight files in the safetensors format of Hugging Face (an 8-byte little-endian header length, a
/// JSON header, then raw little-endian tensor data), the open format in which RootSeg exports the weights of the
/// U-Net of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0). Python reads the files with <c>safetensors.torch.load_file</c>.
/// </summary>
/// <remarks>
/// Free-form string metadata (<c>__metadata__</c>) travels with the tensors; the training stage keeps its model
/// description there. Reading checks the whole header before touching data, so a corrupt or hostile file gives one
/// <see cref="WeightFileException"/> and never an out-of-range read.
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="path"/>.</summary>
    /// <param name="path">Target file; its folder must exist. Written under a temporary name, then moved into place.</param>
    /// <param name="tensors">Tensors, laid out in the file in their insertion order.</param>
    /// <param name="metadata">Optional string map stored as <c>__metadata__</c>; null or empty stores none.</param>
    /// <exception cref="ArgumentException">A tensor is named <c>__metadata__</c>.</exception>
    /// <exception cref="WeightFileException">The file cannot be written.</exception>
    public static void Write(string path, StateDict tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.ContainsKey(SafetensorsHeader.MetadataKey))
        {
            throw new ArgumentException($"'{SafetensorsHeader.MetadataKey}' is reserved and cannot name a tensor", nameof(tensors));
        }
        var header = SafetensorsHeader.Format(tensors, metadata ?? new Dictionary<string, string>());
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var tensor in tensors.Values)
            {
                stream.Write(tensor.Data);
            }
        });
    }

    /// <summary>Reads every tensor and the metadata of the safetensors file at <paramref name="path"/>.</summary>
    /// <returns>Tensors in header order, and the metadata (empty when the file has none).</returns>
    /// <exception cref="WeightFileException">
    /// The file is missing, truncated, has a malformed header, an unknown dtype, or byte ranges that overlap, leave
    /// gaps, run past the end, or disagree with a tensor's shape.
    /// </exception>
    public static SafetensorsContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WithFile(path, (handle, headerLength, dataLength) =>
        {
            var (entries, metadata) = ParseHeader(handle, headerLength, dataLength);
            var tensors = new StateDict();
            var dataStart = 8 + headerLength;
            foreach (var entry in entries)
            {
                var bytes = new byte[entry.End - entry.Begin];
                ReadExactly(handle, bytes, dataStart + entry.Begin);
                tensors.Add(entry.Name, StoredTensor.Own(entry.DType, entry.Shape, bytes));
            }
            return new SafetensorsContents(tensors, metadata);
        });
    }

    /// <summary>Reads only the <c>__metadata__</c> map of <paramref name="path"/>, after checking the whole header.</summary>
    /// <exception cref="WeightFileException">As for <see cref="Read"/>.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WithFile(path, (handle, headerLength, dataLength) => ParseHeader(handle, headerLength, dataLength).Metadata);
    }

    private static T WithFile<T>(string path, Func<SafeFileHandle, long, long, T> read)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var fileLength = RandomAccess.GetLength(handle);
            if (fileLength < 8)
            {
                throw new InvalidDataException($"is {fileLength} bytes long, too short for the 8-byte header length");
            }
            Span<byte> prefix = stackalloc byte[8];
            ReadExactly(handle, prefix, 0);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)(fileLength - 8))
            {
                throw new InvalidDataException($"header length {headerLength} runs past the end of the {fileLength}-byte file");
            }
            if (headerLength > SafetensorsHeader.MaxLength)
            {
                throw new InvalidDataException($"header length {headerLength} exceeds the limit of {SafetensorsHeader.MaxLength}");
            }
            return read(handle, (long)headerLength, fileLength - 8 - (long)headerLength);
        }
        catch (InvalidDataException e)
        {
            throw new WeightFileException(path, e.Message, e);
        }
        catch (IOException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static (List<SafetensorsEntry> Entries, Dictionary<string, string> Metadata) ParseHeader(
        SafeFileHandle handle, long headerLength, long dataLength)
    {
        var json = new byte[headerLength];
        ReadExactly(handle, json, 8);
        return SafetensorsHeader.Parse(json, dataLength);
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new InvalidDataException($"ends early at byte {offset}");
            }
            buffer = buffer[read..];
            offset += read;
        }
    }
}

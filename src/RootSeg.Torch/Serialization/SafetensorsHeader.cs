using System.Text.Json;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// The JSON header of a safetensors file: parsed with every check the format allows (known dtypes, shapes that match
/// byte ranges, ranges that tile the data section without gaps or overlaps), and written in the same form.
/// </summary>
/// <remarks>
/// Format: 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets relative to the data section) plus an optional
/// <c>"__metadata__"</c> string-to-string map, padded with spaces; then the data section.
/// Problems are reported as <see cref="InvalidDataException"/> carrying a one-line description.
/// </remarks>
internal static class SafetensorsHeader
{
    /// <summary>The key under which the format keeps free-form metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted; the reference implementation refuses larger ones too.</summary>
    public const long MaxLength = 100_000_000;

    /// <summary>Parses and checks a header against a data section of <paramref name="dataLength"/> bytes.</summary>
    public static (List<SafetensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> json, long dataLength)
    {
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            throw new InvalidDataException("header does not start with '{'");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"header is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new InvalidDataException($"header names '{property.Name}' twice");
                }
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata);
                }
                else
                {
                    entries.Add(ReadEntry(property.Name, property.Value));
                }
            }
            CheckTiling(entries, dataLength);
            return (entries, metadata);
        }
    }

    /// <summary>Builds the padded header for <paramref name="tensors"/> laid out one after another in order.</summary>
    public static byte[] Format(StateDict tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", tensor.DType.SafetensorsName());
                writer.WriteStartArray("shape");
                foreach (var extent in tensor.Shape)
                {
                    writer.WriteNumberValue(extent);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += tensor.Data.Length;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Padding to a multiple of 8 keeps the data section, and so 8-byte elements at aligned offsets, aligned
        // when the file is memory-mapped.
        var length = (int)buffer.Length;
        var padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{MetadataKey}' is a {element.ValueKind}, not an object");
        }
        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"metadata '{item.Name}' is a {item.Value.ValueKind}, not a string");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw new InvalidDataException($"metadata names '{item.Name}' twice");
            }
        }
    }

    private static SafetensorsEntry ReadEntry(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"tensor '{name}' is a {element.ValueKind}, not an object");
        }
        string? dtypeName = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (var field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeName is null:
                    dtypeName = field.Value.ValueKind == JsonValueKind.String
                        ? field.Value.GetString()!
                        : throw new InvalidDataException($"tensor '{name}' has a dtype that is not a string");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(name, "shape", field.Value);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(name, "data_offsets", field.Value);
                    break;
                default:
                    throw new InvalidDataException($"tensor '{name}' has an unexpected or repeated field '{field.Name}'");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
        {
            throw new InvalidDataException($"tensor '{name}' lacks one of dtype, shape, data_offsets");
        }
        if (!StoredDTypes.TryParseSafetensorsName(dtypeName, out var dtype))
        {
            throw new InvalidDataException($"tensor '{name}' has unknown or unsupported dtype '{dtypeName}'");
        }
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw new InvalidDataException(
                $"tensor '{name}' has data_offsets [{string.Join(", ", offsets)}], not [begin, end] with begin <= end");
        }
        long elements;
        try
        {
            elements = StoredTensor.CountElements(shape, "shape");
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", shape)}], too large");
        }
        var expected = elements * dtype.ElementSize();
        if (offsets[1] - offsets[0] != expected)
        {
            throw new InvalidDataException(
                $"tensor '{name}' ({dtypeName} [{string.Join(", ", shape)}]) needs {expected} bytes but data_offsets " +
                $"[{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}");
        }
        return new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(string name, string field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"tensor '{name}' has a {field} that is not an array");
        }
        var values = new long[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i]) || values[i] < 0)
            {
                throw new InvalidDataException($"tensor '{name}' has a {field} entry {item.GetRawText()} that is not a non-negative integer");
            }
            i++;
        }
        return values;
    }

    /// <summary>Checks that the byte ranges, sorted, cover the data section exactly once.</summary>
    private static void CheckTiling(List<SafetensorsEntry> entries, long dataLength)
    {
        long covered = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != covered)
            {
                throw new InvalidDataException(entry.Begin < covered
                    ? $"tensor '{entry.Name}' at bytes [{entry.Begin}, {entry.End}) overlaps another tensor"
                    : $"bytes [{covered}, {entry.Begin}) of the data section belong to no tensor");
            }
            if (entry.End > dataLength)
            {
                throw new InvalidDataException(
                    $"tensor '{entry.Name}' at bytes [{entry.Begin}, {entry.End}) runs past the data section of {dataLength} bytes");
            }
            covered = entry.End;
        }
        if (covered != dataLength)
        {
            throw new InvalidDataException($"bytes [{covered}, {dataLength}) of the data section belong to no tensor");
        }
    }
}

using Onnx;

namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>
/// The attributes of an <see cref="OnnxNode"/> by name, read with the defaults that the ONNX operator specification
/// gives when an attribute is absent.
/// </summary>
public sealed class OnnxAttributes
{
    private readonly Dictionary<string, AttributeProto> _byName;

    internal OnnxAttributes(IEnumerable<AttributeProto> attributes)
    {
        _byName = new Dictionary<string, AttributeProto>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            _byName[attribute.Name] = attribute;
        }
    }

    /// <summary>The names present, in no particular order.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Whether the attribute is present.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>An integer attribute, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">The attribute holds another type.</exception>
    public long Int(string name, long fallback) =>
        Find(name, AttributeProto.Types.AttributeType.Int) is { } a ? a.I : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">The attribute holds another type.</exception>
    public float Float(string name, float fallback) =>
        Find(name, AttributeProto.Types.AttributeType.Float) is { } a ? a.F : fallback;

    /// <summary>A string attribute (UTF-8), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">The attribute holds another type.</exception>
    public string String(string name, string fallback) =>
        Find(name, AttributeProto.Types.AttributeType.String) is { } a ? a.S.ToStringUtf8() : fallback;

    /// <summary>A list-of-integers attribute, or null when absent.</summary>
    /// <exception cref="FormatException">The attribute holds another type.</exception>
    public long[]? Ints(string name) =>
        Find(name, AttributeProto.Types.AttributeType.Ints) is { } a ? [.. a.Ints] : null;

    // Files written before ONNX IR version 2 may leave the type unset; the value field then decides.
    private AttributeProto? Find(string name, AttributeProto.Types.AttributeType type)
    {
        if (!_byName.TryGetValue(name, out var attribute))
        {
            return null;
        }
        return attribute.Type == type || attribute.Type == AttributeProto.Types.AttributeType.Undefined
            ? attribute
            : throw new FormatException($"the attribute {name} holds {attribute.Type}, not {type}");
    }
}

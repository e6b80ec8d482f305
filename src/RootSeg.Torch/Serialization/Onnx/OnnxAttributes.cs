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
    public long Int(string name, long fallback) => _byName.TryGetValue(name, out var a) ? a.I : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) => _byName.TryGetValue(name, out var a) ? a.F : fallback;

    /// <summary>A string attribute (UTF-8), or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) =>
        _byName.TryGetValue(name, out var a) ? a.S.ToStringUtf8() : fallback;

    /// <summary>A list-of-integers attribute, or null when absent.</summary>
    public long[]? Ints(string name) => _byName.TryGetValue(name, out var a) ? [.. a.Ints] : null;
}

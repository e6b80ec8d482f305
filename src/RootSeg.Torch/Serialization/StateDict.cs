using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// Named tensors in insertion order, like the <c>OrderedDict</c> a PyTorch module's <c>state_dict()</c> returns
/// (parameter and buffer names such as <c>encoder.0.weight</c>). Names are unique and non-empty.
/// </summary>
/// <remarks>Not thread-safe for writes. The tensors themselves are immutable and may be shared.</remarks>
public sealed class StateDict : IReadOnlyDictionary<string, StoredTensor>
{
    private readonly List<KeyValuePair<string, StoredTensor>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Number of tensors.</summary>
    public int Count => _entries.Count;

    /// <summary>Names in insertion order.</summary>
    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    /// <summary>Tensors in insertion order.</summary>
    public IEnumerable<StoredTensor> Values => _entries.Select(entry => entry.Value);

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public StoredTensor this[string name] =>
        TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"no tensor named '{name}'");

    /// <summary>Appends <paramref name="tensor"/> under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or already present.</exception>
    public void Add(string name, StoredTensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_index.TryAdd(name, _entries.Count))
        {
            throw new ArgumentException($"a tensor named '{name}' is already present", nameof(name));
        }
        _entries.Add(new(name, tensor));
    }

    /// <summary>Whether a tensor is called <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>Finds the tensor called <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StoredTensor value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index.TryGetValue(key, out var position))
        {
            value = _entries[position].Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>
    /// A new dictionary with <paramref name="prefix"/> removed from every name that starts with it, in the same order;
    /// for example <c>"module."</c>, which <c>torch.nn.DataParallel</c> puts before every name.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is empty, or removing it makes two names equal or a name empty.</exception>
    public StateDict WithoutPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var result = new StateDict();
        foreach (var (name, tensor) in _entries)
        {
            var stripped = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
            if (stripped.Length == 0 || result.ContainsKey(stripped))
            {
                throw new ArgumentException($"removing '{prefix}' from '{name}' gives an empty or repeated name", nameof(prefix));
            }
            result.Add(stripped, tensor);
        }
        return result;
    }

    /// <summary>Enumerates name/tensor pairs in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, StoredTensor>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

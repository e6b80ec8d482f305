namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// A Python dict or OrderedDict: insertion-ordered, and assigning an existing key replaces the value in place as
/// Python does. Keys are compared by value for the hashable kinds pickles use (str, int, bool, float, bytes, tuples
/// of those, None).
/// </summary>
internal sealed class PyDict
{
    private readonly List<KeyValuePair<object?, object?>> _entries = [];
    private readonly Dictionary<object, int> _index = new(PyKeyComparer.Instance);

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => _entries;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, keeping the key's first position.</summary>
    /// <exception cref="InvalidDataException">The key is not a scalar or a flat tuple of scalars.</exception>
    public void Set(object? key, object? value)
    {
        if (!PyKeyComparer.IsSupportedKey(key))
        {
            throw new InvalidDataException($"dict key of type {key!.GetType().Name} is not supported");
        }
        var boxed = key ?? PyKeyComparer.NoneKey;
        if (_index.TryGetValue(boxed, out var position))
        {
            _entries[position] = new(key, value);
        }
        else
        {
            _index.Add(boxed, _entries.Count);
            _entries.Add(new(key, value));
        }
    }

    /// <summary>Looks up <paramref name="key"/>.</summary>
    public bool TryGet(object? key, out object? value)
    {
        if (_index.TryGetValue(key ?? PyKeyComparer.NoneKey, out var position))
        {
            value = _entries[position].Value;
            return true;
        }
        value = null;
        return false;
    }
}

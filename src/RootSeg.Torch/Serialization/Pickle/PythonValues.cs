namespace RootSeg.Torch.Serialization.Pickle;

// How the pickle machine represents Python values, chosen so nothing needs a Python type system:
// None -> null, bool -> bool, int -> long or BigInteger, float -> double, str -> string, bytes -> byte[],
// tuple -> object?[], list -> List<object?>, dict -> PyDict, set -> PySet, allowed classes -> PyGlobal.

/// <summary>A module-level name a pickle referred to with GLOBAL, already checked against the allow-list.</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A Python set or frozenset, kept as the list of its items in pickle order.</summary>
internal sealed class PySet
{
    /// <summary>The items.</summary>
    public List<object?> Items { get; } = [];
}

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

/// <summary>Value equality for the Python values that can be dict keys.</summary>
internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    /// <summary>The single instance.</summary>
    public static readonly PyKeyComparer Instance = new();

    /// <summary>Stands for Python's None, since a .NET dictionary cannot hold a null key.</summary>
    public static readonly object NoneKey = new();

    /// <summary>
    /// Scalars, and tuples of scalars: all that checkpoint dicts use as keys. Refusing nested tuples keeps hashing and
    /// comparison shallow, so a hostile pickle cannot exhaust the call stack with a deeply nested key.
    /// </summary>
    public static bool IsSupportedKey(object? key) => key switch
    {
        object?[] items => items.All(IsScalar),
        _ => IsScalar(key),
    };

    private static bool IsScalar(object? value) =>
        value is null or string or long or bool or double or byte[] or System.Numerics.BigInteger;

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => object.Equals(p.First, p.Second) ||
            (p.First is byte[] x && p.Second is byte[] y && x.AsSpan().SequenceEqual(y))),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        _ => object.Equals(x, y),
    };

    /// <inheritdoc/>
    public int GetHashCode(object obj) => obj switch
    {
        object?[] items => items.Aggregate(17, (hash, item) => hash * 31 + (item is byte[] b ? b.Length : item?.GetHashCode() ?? 0)),
        byte[] bytes => bytes.Length,
        _ => obj.GetHashCode(),
    };
}

namespace RootSeg.Torch.Serialization.Pickle;

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
            (p.First is byte[] first && p.Second is byte[] second && first.AsSpan().SequenceEqual(second))),
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

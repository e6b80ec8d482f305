namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// A PyTorch typed storage named by a checkpoint: its element type and count, and a way to fetch its bytes that may
/// only work later (the legacy format stores the bytes after the pickle that refers to them).
/// </summary>
internal sealed class TorchStorage
{
    private readonly Func<ReadOnlyMemory<byte>> _fetch;
    private ReadOnlyMemory<byte>? _bytes;

    /// <summary>Describes a storage whose bytes <paramref name="fetch"/> returns (at least count x size of them).</summary>
    public TorchStorage(StoredDType dtype, long elementCount, string key, Func<ReadOnlyMemory<byte>> fetch)
    {
        if (elementCount < 0 || elementCount > Array.MaxLength / dtype.ElementSize())
        {
            throw new InvalidDataException($"storage '{key}' has an impossible element count {elementCount}");
        }
        DType = dtype;
        ElementCount = elementCount;
        Key = key;
        _fetch = fetch;
    }

    /// <summary>Element type.</summary>
    public StoredDType DType { get; }

    /// <summary>Number of elements.</summary>
    public long ElementCount { get; }

    /// <summary>The key the checkpoint files the storage under, for messages.</summary>
    public string Key { get; }

    /// <summary>The storage's <see cref="ElementCount"/> elements, fetched once.</summary>
    public ReadOnlyMemory<byte> Bytes
    {
        get
        {
            if (_bytes is null)
            {
                var bytes = _fetch();
                var needed = ElementCount * DType.ElementSize();
                if (bytes.Length < needed)
                {
                    throw new InvalidDataException(
                        $"storage '{Key}' holds {bytes.Length} bytes but {ElementCount} {DType} elements need {needed}");
                }
                _bytes = bytes[..(int)needed];
            }
            return _bytes.Value;
        }
    }
}

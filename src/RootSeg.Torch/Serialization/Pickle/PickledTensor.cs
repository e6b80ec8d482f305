namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view (offset, sizes, strides in elements) into
/// a storage that several tensors may share. <see cref="Materialize"/> copies the view out in C order.
/// </summary>
internal sealed class PickledTensor
{
    /// <summary>Records the view after checking that the sizes and strides are well formed.</summary>
    public PickledTensor(TorchStorage storage, long offset, long[] size, long[] stride)
    {
        if (size.Length != stride.Length)
        {
            throw new InvalidDataException($"tensor on storage '{storage.Key}' has {size.Length} sizes but {stride.Length} strides");
        }
        if (offset < 0 || size.Any(s => s < 0) || stride.Any(s => s < 0))
        {
            throw new InvalidDataException(
                $"tensor on storage '{storage.Key}' has a negative offset, size or stride " +
                $"(offset {offset}, size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}])");
        }
        Storage = storage;
        Offset = offset;
        Size = size;
        Stride = stride;
    }

    /// <summary>The storage viewed.</summary>
    public TorchStorage Storage { get; }

    /// <summary>First element, counted in elements from the storage's start.</summary>
    public long Offset { get; }

    /// <summary>Extents, outermost first.</summary>
    public long[] Size { get; }

    /// <summary>Element steps per dimension.</summary>
    public long[] Stride { get; }

    /// <summary>Copies the viewed elements into a new contiguous tensor.</summary>
    /// <exception cref="InvalidDataException">The view reaches beyond its storage.</exception>
    public StoredTensor Materialize()
    {
        long elements;
        try
        {
            elements = StoredTensor.CountElements(Size, nameof(Size));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"tensor on storage '{Storage.Key}': {e.Message}");
        }
        var width = Storage.DType.ElementSize();
        if (elements > Array.MaxLength / width)
        {
            throw new InvalidDataException($"tensor on storage '{Storage.Key}' of size [{string.Join(", ", Size)}] is too large");
        }
        if (elements == 0)
        {
            return StoredTensor.Own(Storage.DType, (long[])Size.Clone(), ReadOnlyMemory<byte>.Empty);
        }
        var last = Offset;
        for (var d = 0; d < Size.Length; d++)
        {
            last = checked(last + (Size[d] - 1) * Stride[d]);
        }
        if (last >= Storage.ElementCount)
        {
            throw new InvalidDataException(
                $"tensor view (offset {Offset}, size [{string.Join(", ", Size)}], stride [{string.Join(", ", Stride)}]) " +
                $"reaches element {last} of storage '{Storage.Key}', which has {Storage.ElementCount}");
        }
        var (size, stride) = Collapse(Size, Stride);
        if (size is [var run] && stride is [1])
        {
            // One contiguous run (the usual case) is shared with the storage rather than copied: both are read-only.
            return StoredTensor.Own(Storage.DType, (long[])Size.Clone(), Storage.Bytes.Slice((int)(Offset * width), (int)(run * width)));
        }
        var output = new byte[elements * width];
        Copy(Storage.Bytes.Span, output, width, size, stride);
        return StoredTensor.Own(Storage.DType, (long[])Size.Clone(), output);
    }

    /// <summary>
    /// Walks the outer dimensions of a collapsed view with an odometer and copies each innermost run as one block when
    /// its stride is 1, element by element otherwise.
    /// </summary>
    private void Copy(ReadOnlySpan<byte> source, Span<byte> output, int width, List<long> size, List<long> stride)
    {
        var rank = size.Count;
        var inner = size[rank - 1];
        var innerStride = stride[rank - 1];
        var index = new long[rank - 1];
        long written = 0;
        while (true)
        {
            var start = Offset;
            for (var d = 0; d < index.Length; d++)
            {
                start += index[d] * stride[d];
            }
            if (innerStride == 1)
            {
                source.Slice((int)(start * width), (int)(inner * width)).CopyTo(output[(int)written..]);
                written += inner * width;
            }
            else
            {
                for (long i = 0; i < inner; i++)
                {
                    source.Slice((int)((start + i * innerStride) * width), width).CopyTo(output[(int)written..]);
                    written += width;
                }
            }
            var dimension = index.Length - 1;
            while (dimension >= 0 && ++index[dimension] == size[dimension])
            {
                index[dimension] = 0;
                dimension--;
            }
            if (dimension < 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Drops extent-1 dimensions and merges each dimension into the next when stepping it equals stepping over the
    /// whole next one; the result has at least one dimension and visits the same elements in the same order.
    /// </summary>
    internal static (List<long> Size, List<long> Stride) Collapse(long[] size, long[] stride)
    {
        var sizes = new List<long>();
        var strides = new List<long>();
        for (var d = 0; d < size.Length; d++)
        {
            if (size[d] == 1)
            {
                continue;
            }
            if (sizes.Count > 0 && strides[^1] == size[d] * stride[d])
            {
                sizes[^1] *= size[d];
                strides[^1] = stride[d];
            }
            else
            {
                sizes.Add(size[d]);
                strides.Add(stride[d]);
            }
        }
        if (sizes.Count == 0)
        {
            sizes.Add(1);
            strides.Add(1);
        }
        return (sizes, strides);
    }
}

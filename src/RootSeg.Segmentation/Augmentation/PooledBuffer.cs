using System.Buffers;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Exactly <see cref="Length"/> elements of an array rented from <see cref="ArrayPool{T}.Shared"/>, returned on
/// <see cref="Dispose"/>. Training needs buffers of several megabytes per tile and per batch; allocated afresh they
/// land on the large-object heap, which is collected so rarely that the process grows by gigabytes in between.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class PooledBuffer<T> : IDisposable
{
    private T[]? _array;

    /// <summary>Rents the array; with <paramref name="clear"/> its first <paramref name="length"/> elements are reset
    /// to default (a rented array holds whatever its last user left).</summary>
    public PooledBuffer(int length, bool clear = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _array = ArrayPool<T>.Shared.Rent(length);
        if (clear)
        {
            Array.Clear(_array, 0, length);
        }
    }

    /// <summary>Elements in use.</summary>
    public int Length { get; }

    /// <summary>The elements; valid until <see cref="Dispose"/>.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was returned.</exception>
    public Span<T> Span =>
        (_array ?? throw new ObjectDisposedException(nameof(PooledBuffer<T>))).AsSpan(0, Length);

    /// <summary>Returns the array to the pool; later calls do nothing.</summary>
    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = null;
        }
    }
}

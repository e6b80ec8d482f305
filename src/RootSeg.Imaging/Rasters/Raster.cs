using System.Buffers;
using System.Runtime.CompilerServices;

namespace RootSeg.Imaging.Rasters;

/// <summary>
/// A 2-D image of <typeparamref name="T"/> samples with 1 to 4 interleaved channels, stored row by row in a
/// buffer rented from <see cref="ArrayPool{T}"/>. Rows may be padded: sample (x, y, c) lives at
/// <c>y * Stride + x * Channels + c</c>.
/// </summary>
/// <remarks>
/// The raster owns its buffer and returns it to the pool on <see cref="Dispose"/>; spans handed out by
/// <see cref="Row"/> and <see cref="Data"/> must not outlive it. A raster is not thread-safe for writes,
/// but distinct rows may be written from distinct threads.
/// </remarks>
public sealed class Raster<T> : IDisposable where T : unmanaged
{
    private T[]? _buffer;

    /// <summary>Creates a zero-filled raster.</summary>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="channels">Interleaved samples per pixel, 1 to 4.</param>
    /// <param name="stride">Samples per row, at least width x channels; 0 means exactly that.</param>
    public Raster(int width, int height, int channels = 1, int stride = 0)
        : this(width, height, channels, stride, clear: true)
    {
    }

    private Raster(int width, int height, int channels, int stride, bool clear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        if (stride == 0)
        {
            stride = checked(width * channels);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width * channels);
        Width = width;
        Height = height;
        Channels = channels;
        Stride = stride;
        var length = checked((long)stride * height);
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"a {width}x{height}x{channels} raster is too large");
        }
        _buffer = ArrayPool<T>.Shared.Rent((int)length);
        if (clear)
        {
            Data.Clear();
        }
    }

    /// <summary>
    /// A raster whose samples are whatever the pool's buffer held: for code that writes every sample at once
    /// (decoders, conversions), where clearing first would be a wasted pass over the memory.
    /// </summary>
    internal static Raster<T> CreateUninitialized(int width, int height, int channels = 1) =>
        new(width, height, channels, 0, clear: false);

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Interleaved samples per pixel.</summary>
    public int Channels { get; }

    /// <summary>Samples from the start of one row to the start of the next.</summary>
    public int Stride { get; }

    /// <summary>All rows, padding included: <c>Stride x Height</c> samples.</summary>
    public Span<T> Data => Buffer.AsSpan(0, Stride * Height);

    private T[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Raster<T>));

    /// <summary>The <c>Width x Channels</c> samples of row <paramref name="y"/>.</summary>
    public Span<T> Row(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"row must be in [0, {Height})");
        }
        return Buffer.AsSpan(y * Stride, Width * Channels);
    }

    /// <summary>Sample (x, y, channel), unchecked beyond the buffer bounds.</summary>
    public ref T this[int x, int y, int channel = 0]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Buffer[y * Stride + x * Channels + channel];
    }

    /// <summary>A new raster with the same size and contents (padding dropped).</summary>
    public Raster<T> Clone()
    {
        var copy = new Raster<T>(Width, Height, Channels);
        for (var y = 0; y < Height; y++)
        {
            Row(y).CopyTo(copy.Row(y));
        }
        return copy;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// A batch of network-ready tiles: inputs as N x 3 x InputSize x InputSize float32 (CHW, values in [-0.5, 0.5]),
/// labels and labelled flags as N x OutputSize x OutputSize bytes, ready to become tensors (labels widen to int64).
/// </summary>
/// <remarks>
/// The arrays are rented from <see cref="ArrayPool{T}.Shared"/> (cleared first) and go back on
/// <see cref="Dispose"/>: a batch of four 572 tiles is 17 MB, and allocating that afresh for every training step
/// left it to the rare full collections of the large-object heap, so a training process grew by gigabytes between
/// them. The spans are valid until the batch is disposed; an undisposed batch simply leaves its arrays to the
/// garbage collector.
/// </remarks>
public sealed class TrainingBatch : IDisposable
{
    private readonly int _inputLength;
    private readonly int _outputLength;
    private float[]? _inputs;
    private byte[]? _labels;
    private byte[]? _labelled;

    internal TrainingBatch(int epoch, int index, TileGeometry geometry, IReadOnlyList<TileWindow> windows)
    {
        Epoch = epoch;
        Index = index;
        Geometry = geometry;
        Windows = windows;
        _inputLength = windows.Count * 3 * geometry.InputSize * geometry.InputSize;
        _outputLength = windows.Count * geometry.OutputSize * geometry.OutputSize;
        _inputs = Rent<float>(_inputLength);
        _labels = Rent<byte>(_outputLength);
        _labelled = Rent<byte>(_outputLength);
    }

    /// <summary>The epoch the batch belongs to (-1 for validation).</summary>
    public int Epoch { get; }

    /// <summary>The batch's position in its epoch, from 0.</summary>
    public int Index { get; }

    /// <summary>Tile sizes.</summary>
    public TileGeometry Geometry { get; }

    /// <summary>The tiles, in batch order.</summary>
    public IReadOnlyList<TileWindow> Windows { get; }

    /// <summary>Tiles in the batch (the last batch of an epoch may be short).</summary>
    public int Count => Windows.Count;

    /// <summary>Inputs: Count x 3 x InputSize x InputSize, float32 in [-0.5, 0.5].</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<float> Inputs => Live(_inputs).AsSpan(0, _inputLength);

    /// <summary>Labels: Count x OutputSize x OutputSize, 1 root, 0 background or unlabelled.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Labels => Live(_labels).AsSpan(0, _outputLength);

    /// <summary>Count x OutputSize x OutputSize: 1 where annotated, 0 where unlabelled (left out of loss and metrics).</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Labelled => Live(_labelled).AsSpan(0, _outputLength);

    /// <summary>Returns the arrays to the pool; the spans must not be used afterwards.</summary>
    public void Dispose()
    {
        Return(ref _inputs);
        Return(ref _labels);
        Return(ref _labelled);
    }

    internal Span<float> InputOf(int tile)
    {
        var length = 3 * Geometry.InputSize * Geometry.InputSize;
        return Live(_inputs).AsSpan(tile * length, length);
    }

    internal Span<byte> LabelsOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return Live(_labels).AsSpan(tile * length, length);
    }

    internal Span<byte> LabelledOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return Live(_labelled).AsSpan(tile * length, length);
    }

    private static T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(array, 0, length);
        return array;
    }

    private static void Return<T>(ref T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
            array = null;
        }
    }

    private T[] Live<T>(T[]? array) => array ?? throw new ObjectDisposedException(nameof(TrainingBatch));
}

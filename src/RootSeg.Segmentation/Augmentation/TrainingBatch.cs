using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// A batch of network-ready tiles: inputs as N x 3 x InputSize x InputSize float32 (CHW, values in [-0.5, 0.5]),
/// labels and labelled flags as N x OutputSize x OutputSize bytes, ready to become tensors (labels widen to int64).
/// </summary>
/// <remarks>
/// The arrays are rented from the shared array pool (cleared first) and go back on
/// <see cref="Dispose"/>: a batch of four 572 tiles is 17 MB, and allocating that afresh for every training step
/// left it to the rare full collections of the large-object heap, so a training process grew by gigabytes between
/// them. The spans are valid until the batch is disposed; an undisposed batch simply leaves its arrays to the
/// garbage collector.
/// </remarks>
public sealed class TrainingBatch : IDisposable
{
    private readonly PooledBuffer<float> _inputs;
    private readonly PooledBuffer<byte> _labels;
    private readonly PooledBuffer<byte> _labelled;

    internal TrainingBatch(int epoch, int index, TileGeometry geometry, IReadOnlyList<TileWindow> windows)
    {
        Epoch = epoch;
        Index = index;
        Geometry = geometry;
        Windows = windows;
        var output = windows.Count * geometry.OutputSize * geometry.OutputSize;
        _inputs = new PooledBuffer<float>(windows.Count * 3 * geometry.InputSize * geometry.InputSize, clear: true);
        _labels = new PooledBuffer<byte>(output, clear: true);
        _labelled = new PooledBuffer<byte>(output, clear: true);
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
    public ReadOnlySpan<float> Inputs => _inputs.Span;

    /// <summary>Labels: Count x OutputSize x OutputSize, 1 root, 0 background or unlabelled.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Labels => _labels.Span;

    /// <summary>Count x OutputSize x OutputSize: 1 where annotated, 0 where unlabelled (left out of loss and metrics).</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Labelled => _labelled.Span;

    /// <summary>Returns the arrays to the pool; the spans must not be used afterwards.</summary>
    public void Dispose()
    {
        _inputs.Dispose();
        _labels.Dispose();
        _labelled.Dispose();
    }

    internal Span<float> InputOf(int tile)
    {
        var length = 3 * Geometry.InputSize * Geometry.InputSize;
        return _inputs.Span.Slice(tile * length, length);
    }

    internal Span<byte> LabelsOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return _labels.Span.Slice(tile * length, length);
    }

    internal Span<byte> LabelledOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return _labelled.Span.Slice(tile * length, length);
    }
}

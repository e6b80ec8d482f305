using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// A batch of network-ready tiles: inputs as N x 3 x InputSize x InputSize float32 (CHW, values in [-0.5, 0.5]),
/// labels and labelled flags as N x OutputSize x OutputSize bytes, ready to become tensors (labels widen to int64).
/// </summary>
/// <remarks>The batch owns its arrays; the consumer may keep or reuse them.</remarks>
public sealed class TrainingBatch
{
    internal TrainingBatch(int epoch, int index, TileGeometry geometry, IReadOnlyList<TileWindow> windows)
    {
        Epoch = epoch;
        Index = index;
        Geometry = geometry;
        Windows = windows;
        var input = geometry.InputSize * geometry.InputSize;
        var output = geometry.OutputSize * geometry.OutputSize;
        Inputs = new float[windows.Count * 3 * input];
        Labels = new byte[windows.Count * output];
        Labelled = new byte[windows.Count * output];
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
    public float[] Inputs { get; }

    /// <summary>Labels: Count x OutputSize x OutputSize, 1 root, 0 background or unlabelled.</summary>
    public byte[] Labels { get; }

    /// <summary>Count x OutputSize x OutputSize: 1 where annotated, 0 where unlabelled (left out of loss and metrics).</summary>
    public byte[] Labelled { get; }

    internal Span<float> InputOf(int tile)
    {
        var length = 3 * Geometry.InputSize * Geometry.InputSize;
        return Inputs.AsSpan(tile * length, length);
    }

    internal Span<byte> LabelsOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return Labels.AsSpan(tile * length, length);
    }

    internal Span<byte> LabelledOf(int tile)
    {
        var length = Geometry.OutputSize * Geometry.OutputSize;
        return Labelled.AsSpan(tile * length, length);
    }
}

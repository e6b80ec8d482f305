using RootSeg.Torch;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// A batch augmented on the device, ready for the network and the loss: the tensors the trainer otherwise makes from
/// a <see cref="TrainingBatch"/>. The batch owns its tensors and disposes them.
/// </summary>
public sealed class DeviceBatch : IDisposable
{
    internal DeviceBatch(Tensor inputs, Tensor targets, Tensor labelled, IReadOnlyList<TileDraw> draws)
    {
        Inputs = inputs;
        Targets = targets;
        Labelled = labelled;
        Draws = draws;
    }

    /// <summary>Network inputs, (N, 3, InputSize, InputSize) float32 in [-0.5, 0.5].</summary>
    public Tensor Inputs { get; }

    /// <summary>Labels of the centre, (N, OutputSize, OutputSize) int64: 1 root, 0 background or unlabelled.</summary>
    public Tensor Targets { get; }

    /// <summary>(N, OutputSize, OutputSize) uint8: 1 where annotated, 0 where unlabelled.</summary>
    public Tensor Labelled { get; }

    /// <summary>The per-tile parameters the batch was augmented with, in batch order.</summary>
    public IReadOnlyList<TileDraw> Draws { get; }

    /// <summary>Tiles in the batch.</summary>
    public int Count => Draws.Count;

    /// <summary>Disposes the three tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Labelled.Dispose();
    }
}

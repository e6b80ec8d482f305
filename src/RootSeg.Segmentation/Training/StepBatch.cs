using RootSeg.Torch;

namespace RootSeg.Segmentation.Training;

/// <summary>One training step's tensors on the training device; the batch owns and disposes them.</summary>
/// <param name="Index">The batch's position in its epoch.</param>
/// <param name="Count">Tiles in the batch.</param>
/// <param name="Input">(N, 3, In, In) float32 network inputs, channels-last where the run asks for it.</param>
/// <param name="Target">(N, Out, Out) int64 classes, 1 for root.</param>
/// <param name="Labelled">(N, Out, Out) uint8, 1 where annotated.</param>
internal sealed record StepBatch(int Index, int Count, Tensor Input, Tensor Target, Tensor Labelled) : IDisposable
{
    public void Dispose()
    {
        Input.Dispose();
        Target.Dispose();
        Labelled.Dispose();
    }
}

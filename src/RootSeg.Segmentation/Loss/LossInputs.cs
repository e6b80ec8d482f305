using RootSeg.Torch;

namespace RootSeg.Segmentation.Loss;

// Shared checks and masking of the segmentation losses.
internal static class LossInputs
{
    public static void Check(Tensor logits, Tensor target, Tensor? labelled)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        var shape = logits.Shape;
        if (shape.Length != 4 || shape[1] != 2)
        {
            throw new ArgumentException($"expected logits (N, 2, H, W), not shape [{string.Join(", ", shape)}]", nameof(logits));
        }
        long[] pixels = [shape[0], shape[2], shape[3]];
        if (!target.Shape.SequenceEqual(pixels))
        {
            throw new ArgumentException(
                $"expected shape [{string.Join(", ", pixels)}] to match the logits, not [{string.Join(", ", target.Shape)}]", nameof(target));
        }
        if (target.DType != ScalarType.Int64)
        {
            throw new ArgumentException($"expected int64 class indices, not {target.DType}", nameof(target));
        }
        if (labelled is not null && !labelled.Shape.SequenceEqual(pixels))
        {
            throw new ArgumentException(
                $"expected shape [{string.Join(", ", pixels)}] to match the logits, not [{string.Join(", ", labelled.Shape)}]", nameof(labelled));
        }
    }

    // The labelled mask as 0/1 floats (all ones when null), in the caller's scope.
    public static Tensor Weights(Tensor target, Tensor? labelled, Device device) =>
        labelled is null
            ? Tensor.Ones(target.Shape, device: device)
            : labelled.Ne(0).To(ScalarType.Float32);

    // Root probability and root truth, both zero at unlabelled pixels, so that sums run over labelled pixels only;
    // the probability is multiplied by the mask (not the logits changed), so no gradient reaches unlabelled pixels.
    public static (Tensor Probability, Tensor Truth) RootProbabilityAndTruth(Tensor logits, Tensor target, Tensor weights)
    {
        var probability = Functional.Softmax(logits, 1).Select(1, 1) * weights;
        var truth = target.Eq(1).To(ScalarType.Float32) * weights;
        return (probability, truth);
    }
}

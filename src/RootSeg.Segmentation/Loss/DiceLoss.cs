using RootSeg.Torch;

namespace RootSeg.Segmentation.Loss;

/// <summary>
/// The Dice loss of V-Net (Milletari et al. 2016, doi:10.1109/3DV.2016.79, equation 1, without squares in the
/// denominator, as Smith et al. 2020, doi:10.1186/s13007-020-00563-0, use it): 1 - 2 Σ(p·y) / (Σp + Σy), where p is
/// the softmax probability of the root class and y the 0/1 root label, summed over the labelled pixels of the batch.
/// </summary>
public static class DiceLoss
{
    /// <summary>Computes the loss as a zero-dimensional tensor that carries gradients to <paramref name="logits"/>.</summary>
    /// <param name="logits">(N, 2, H, W) float: background and root logits.</param>
    /// <param name="target">(N, H, W) int64 class indices, 0 (background) or 1 (root); any value where unlabelled.</param>
    /// <param name="labelled">(N, H, W) mask, nonzero or true where a pixel is annotated; null when all are.</param>
    /// <returns>
    /// A new zero-dimensional tensor in [0, 1]; 1 when no labelled pixel is root, NaN when no pixel is labelled
    /// (the denominator is empty; <see cref="RootSegmentationLoss"/> never asks for it then).
    /// </returns>
    /// <exception cref="ArgumentException">Shapes do not fit (the message names the argument).</exception>
    public static Tensor Compute(Tensor logits, Tensor target, Tensor? labelled = null)
    {
        LossInputs.Check(logits, target, labelled);
        using var scope = TensorScope.Enter();
        var (probability, truth) = LossInputs.RootProbabilityAndTruth(logits, target,
            LossInputs.Weights(target, labelled, logits.Device));
        return scope.Keep(FromMasked(probability, truth));
    }

    // Equation 1 of V-Net on probabilities and truths already zero at unlabelled pixels; temporaries go to the
    // caller's scope.
    internal static Tensor FromMasked(Tensor probability, Tensor truth)
    {
        var intersection = (probability * truth).Sum();
        var union = probability.Sum() + truth.Sum();
        return 1.0 - 2.0 * intersection / union;
    }
}

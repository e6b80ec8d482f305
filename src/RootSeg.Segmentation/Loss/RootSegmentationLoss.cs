using RootSeg.Torch;

namespace RootSeg.Segmentation.Loss;

/// <summary>
/// The training loss of Smith et al. 2020, "Segmentation of roots in soil with U-Net" (doi:10.1186/s13007-020-00563-0):
/// the V-Net Dice loss (<see cref="DiceLoss"/>) plus <see cref="CrossEntropyWeight"/> times the cross-entropy, both
/// over labelled pixels only, so partial annotations (RootPainter's unlabelled pixels) add nothing to either term.
/// </summary>
/// <remarks>
/// When no labelled pixel of the batch is root the Dice term is constant (1) and carries no gradient; RootSeg then
/// uses the cross-entropy alone, at weight 1, as the project's issue asks. The paper's code used
/// <see cref="CrossEntropyWeight"/> times the cross-entropy there, which differs only by that factor. With no
/// labelled pixel at all the loss is 0 (and its gradient zero).
/// </remarks>
public static class RootSegmentationLoss
{
    /// <summary>The weight of the cross-entropy next to the Dice loss (the paper: 0.3).</summary>
    public const double CrossEntropyWeight = 0.3;

    /// <summary>Computes the loss as a zero-dimensional tensor that carries gradients to <paramref name="logits"/>.</summary>
    /// <param name="logits">(N, 2, H, W) float: background and root logits, as <see cref="Networks.UNetGN"/> gives them.</param>
    /// <param name="target">(N, H, W) int64 class indices, 0 (background) or 1 (root); any value where unlabelled.</param>
    /// <param name="labelled">(N, H, W) mask, nonzero or true where a pixel is annotated; null when all are.</param>
    /// <returns>A new zero-dimensional tensor. The check for root pixels reads one number back from the device.</returns>
    /// <exception cref="ArgumentException">Shapes or the target's type do not fit (the message names the argument).</exception>
    public static Tensor Compute(Tensor logits, Tensor target, Tensor? labelled = null)
    {
        LossInputs.Check(logits, target, labelled);
        using var scope = TensorScope.Enter();
        var weights = LossInputs.Weights(target, labelled, logits.Device);
        var crossEntropy = Functional.MaskedCrossEntropy(logits, target, weights);
        var (probability, truth) = LossInputs.RootProbabilityAndTruth(logits, target, weights);
        var rootPixels = truth.Sum().Item();
        if (rootPixels == 0)
        {
            return scope.Keep(crossEntropy);
        }
        var dice = DiceLoss.FromMasked(probability, truth);
        return scope.Keep(dice + CrossEntropyWeight * crossEntropy);
    }
}

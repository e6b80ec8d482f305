using RootSeg.Torch;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Counts true/false positives and negatives of a batch of network outputs on the device, thresholding the softmax
/// root probability at 0.5 as Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) do; unlabelled pixels are skipped.
/// </summary>
internal static class ConfusionCounter
{
    /// <param name="logits">(N, 2, H, W) network outputs; not changed.</param>
    /// <param name="target">(N, H, W) int64 classes, 1 = root.</param>
    /// <param name="labelled">(N, H, W), non-zero where the pixel is annotated.</param>
    public static ConfusionCounts Count(Tensor logits, Tensor target, Tensor labelled)
    {
        using var noGrad = NoGradScope.Enter();
        using var scope = TensorScope.Enter();
        return Count(Functional.Softmax(logits, 1).Select(1, 1), target, labelled, [0.5])[0];
    }

    /// <summary>The counts with a pixel predicted root where its root probability exceeds each threshold.</summary>
    /// <param name="rootProbability">(N, H, W) softmax root probabilities.</param>
    /// <param name="target">(N, H, W) classes, 1 for root.</param>
    /// <param name="labelled">(N, H, W), nonzero where annotated.</param>
    /// <param name="thresholds">The cuts, each in (0, 1).</param>
    public static ConfusionCounts[] Count(Tensor rootProbability, Tensor target, Tensor labelled, IReadOnlyList<double> thresholds)
    {
        using var noGrad = NoGradScope.Enter();
        using var scope = TensorScope.Enter();
        var truth = target.Eq(1);
        var annotated = labelled.Ne(0);
        var truthLabelled = truth.LogicalAnd(annotated);
        var annotatedRoot = (long)truthLabelled.Sum().Item();
        var total = (long)annotated.Sum().Item();
        var counts = new ConfusionCounts[thresholds.Count];
        for (var i = 0; i < thresholds.Count; i++)
        {
            using var inner = TensorScope.Enter();
            var predictedLabelled = rootProbability.Gt(thresholds[i]).LogicalAnd(annotated);
            var truePositives = (long)predictedLabelled.LogicalAnd(truth).Sum().Item();
            var predictedRoot = (long)predictedLabelled.Sum().Item();
            counts[i] = new ConfusionCounts(truePositives, predictedRoot - truePositives, annotatedRoot - truePositives,
                total - predictedRoot - annotatedRoot + truePositives);
        }
        return counts;
    }
}

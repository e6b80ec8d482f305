namespace RootSeg.Segmentation.Training;

/// <summary>
/// Pixel counts of a root/background segmentation against its annotation, over labelled pixels only, with the
/// metrics Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) report; pooled over all pixels, not averaged per tile.
/// </summary>
/// <param name="TruePositives">Root predicted, root annotated.</param>
/// <param name="FalsePositives">Root predicted, background annotated.</param>
/// <param name="FalseNegatives">Background predicted, root annotated.</param>
/// <param name="TrueNegatives">Background predicted, background annotated.</param>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    /// <summary>TP / (TP + FP); NaN when nothing was predicted root.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); NaN when nothing is annotated root.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>2TP / (2TP + FP + FN); NaN when neither prediction nor annotation holds root.</summary>
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Labelled pixels counted.</summary>
    public long Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    /// <summary>Element-wise sum.</summary>
    public static ConfusionCounts operator +(ConfusionCounts a, ConfusionCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives,
            a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? double.NaN : (double)numerator / denominator;
}

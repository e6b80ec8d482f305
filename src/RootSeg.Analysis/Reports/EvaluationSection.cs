using System.Globalization;
using System.Xml.Linq;
using RootSeg.Analysis.Metrics;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The segmentation metrics of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0): all test pixels pooled (their Table 3), the per-image mean and standard deviation
/// (their Table 4), and one row per image.
/// </summary>
internal static class EvaluationSection
{
    private const string MetricsGuide =
        "Each pixel of each test photo is compared with the annotation (the truth). A true positive (TP) is root found "
        + "where there is root, a false positive (FP) is root reported on soil, a false negative (FN) is root missed, "
        + "a true negative (TN) is soil left as soil. Table 3 counts all test pixels together, so large roots weigh "
        + "more; Table 4 scores each photo that holds roots separately and gives the mean and the spread. F1 is the "
        + "headline number: 1 is a perfect match.";

    private const string PerImageGuide =
        "One row per test photo, ordered as evaluated. Photos without any root in the annotation have no F1 (n/a); "
        + "any root reported on them is a false positive.";

    /// <summary>What each metric means, in one line, for readers who do not know the terms.</summary>
    public static string Definition(Metric metric) => metric switch
    {
        Metric.Accuracy => "share of all pixels labelled correctly, root or soil: (TP + TN) / all",
        Metric.Precision => "of the pixels reported as root, the share that are root: TP / (TP + FP)",
        Metric.Recall => "of the true root pixels, the share found: TP / (TP + FN)",
        Metric.F1 => "balance of precision and recall, the overlap score: 2TP / (2TP + FP + FN)",
        Metric.IoU => "overlap of found and true root divided by their union: TP / (TP + FP + FN)",
        Metric.PredictionMean => "share of pixels reported as root: (TP + FP) / all",
        Metric.TrueMean => "share of pixels that are root in the annotation: (TP + FN) / all",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    /// <summary>The metric's name for people.</summary>
    public static string Label(Metric metric) => metric switch
    {
        Metric.Accuracy => "accuracy",
        Metric.Precision => "precision",
        Metric.Recall => "recall",
        Metric.F1 => "F1",
        Metric.IoU => "IoU",
        Metric.PredictionMean => "prediction mean",
        Metric.TrueMean => "true mean",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    public static IEnumerable<XElement> Build(EvaluationReport? report, string? problem, MissingParts missing)
    {
        if (report is null)
        {
            yield return ReportSection.Create("metrics", "Segmentation metrics", MetricsGuide, missing.Note("metrics tables", problem!));
            yield return ReportSection.Create("per-image", "Per-image results", PerImageGuide, missing.Note("per-image table", problem!));
            yield break;
        }
        var p = report.Pooled;
        var pooledRows = Enum.GetValues<Metric>()
            .Select(m => (IReadOnlyList<object>)[Label(m), Xhtml.Number(p.Value(m)), Definition(m)]);
        var perImageRows = Enum.GetValues<Metric>().Select(m =>
        {
            var s = report.PerImage(m);
            return (IReadOnlyList<object>)[Label(m), $"{Xhtml.Number(s.Mean)} ± {Xhtml.Number(s.StandardDeviation)}",
                s.Count.ToString(CultureInfo.InvariantCulture)];
        });
        yield return ReportSection.Create("metrics", "Segmentation metrics", MetricsGuide,
            Xhtml.E("h3", "Table 3: all test pixels pooled"),
            Xhtml.P(FormattableString.Invariant(
                $"{report.Images.Count} test photo(s), {report.ImagesWithRoots} with roots. TP {Xhtml.Count(p.TruePositives)}, FP {Xhtml.Count(p.FalsePositives)}, TN {Xhtml.Count(p.TrueNegatives)}, FN {Xhtml.Count(p.FalseNegatives)}.")),
            Xhtml.Table("table3", ["metric", "value", "what it means"], pooledRows),
            Xhtml.E("h3", "Table 4: per photo, mean ± standard deviation"),
            Xhtml.P("Over the photos whose annotation holds roots; the standard deviation uses n - 1; n is the number of photos where the metric is defined."),
            Xhtml.Table("table4", ["metric", "mean ± SD", "n"], perImageRows),
            RootFree(report));
        var imageRows = report.Images.Select(i => (IReadOnlyList<object>)
        [
            i.Image, Xhtml.Number(i.Counts.F1), Xhtml.Number(i.Counts.Precision), Xhtml.Number(i.Counts.Recall),
            Xhtml.Number(i.Counts.IoU), Xhtml.Count(i.Counts.TruePositives), Xhtml.Count(i.Counts.FalsePositives),
            Xhtml.Count(i.Counts.FalseNegatives),
        ]);
        yield return ReportSection.Create("per-image", "Per-image results", PerImageGuide,
            Xhtml.Table("per-image", ["photo", "F1", "precision", "recall", "IoU", "TP", "FP", "FN"], imageRows));
    }

    private static XElement? RootFree(EvaluationReport report) =>
        report.RootFreeImages == 0
            ? null
            : Xhtml.P(FormattableString.Invariant(
                $"On the {report.RootFreeImages} photo(s) without roots, {Xhtml.Count(report.FalsePositivesOnRootFreeImages)} of {Xhtml.Count(report.LabelledPixelsOnRootFreeImages)} pixels were wrongly reported as root."));
}

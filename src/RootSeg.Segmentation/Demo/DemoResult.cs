namespace RootSeg.Segmentation.Demo;

/// <summary>What a <see cref="DemoRun"/> produced: where, and the headline numbers.</summary>
/// <param name="Paths">Where every output is.</param>
/// <param name="TrainCount">Training photos.</param>
/// <param name="ValidationCount">Validation photos.</param>
/// <param name="TestCount">Test photos.</param>
/// <param name="BestEpoch">Epoch whose model was kept; null when validation F1 was never defined.</param>
/// <param name="ValidationF1">Validation F1 of the kept model (NaN when undefined).</param>
/// <param name="TestF1">F1 over all test pixels pooled (NaN when undefined).</param>
/// <param name="SpearmanRho">Spearman rho of segmented against true root length over the test photos.</param>
/// <param name="SpearmanP">Its two-sided p-value.</param>
/// <param name="RSquared">r² of the least-squares line (NaN when all segmented lengths are equal).</param>
/// <param name="Seconds">Wall-clock seconds of the whole demo.</param>
/// <param name="MissingReportParts">Parts the report could not draw (empty when complete).</param>
public sealed record DemoResult(DemoPaths Paths, int TrainCount, int ValidationCount, int TestCount, int? BestEpoch,
    double ValidationF1, double TestF1, double SpearmanRho, double SpearmanP, double RSquared, double Seconds,
    IReadOnlyList<string> MissingReportParts);

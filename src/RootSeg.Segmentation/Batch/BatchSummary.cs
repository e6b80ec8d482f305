namespace RootSeg.Segmentation.Batch;

/// <summary>The totals of a batch run.</summary>
/// <param name="Segmented">Photos segmented and written.</param>
/// <param name="Skipped">Photos whose outputs were already up to date.</param>
/// <param name="Failures">The photos that failed, in list order.</param>
public sealed record BatchSummary(int Segmented, int Skipped, IReadOnlyList<PhotoReport> Failures);

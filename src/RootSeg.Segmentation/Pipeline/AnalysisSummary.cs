namespace RootSeg.Segmentation.Pipeline;

/// <summary>The totals of an <see cref="AnalysisRun"/>.</summary>
/// <param name="Photos">Photos found.</param>
/// <param name="Segmented">Photos segmented in this run.</param>
/// <param name="Measured">Photos measured in this run (0 when the tables were up to date).</param>
/// <param name="UpToDate">True when nothing had changed since the last run, so no table was rewritten.</param>
/// <param name="Failures">Photo path and problem of each photo left out, in photo order.</param>
/// <param name="Outputs">The tables and charts of the run, written now or before.</param>
public sealed record AnalysisSummary(int Photos, int Segmented, int Measured, bool UpToDate,
    IReadOnlyList<(string Photo, string Problem)> Failures, IReadOnlyList<string> Outputs);

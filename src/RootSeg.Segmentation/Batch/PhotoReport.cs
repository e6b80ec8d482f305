namespace RootSeg.Segmentation.Batch;

/// <summary>The outcome of one photo, reported as soon as it is known.</summary>
/// <param name="Photo">The photo's path as listed.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Problem">Why it failed (without the path), or null.</param>
/// <param name="Done">Photos of this run finished so far, this one included.</param>
/// <param name="Total">Photos in this run (this shard).</param>
public sealed record PhotoReport(string Photo, PhotoOutcome Outcome, string? Problem, int Done, int Total);

namespace RootSeg.Segmentation.Pipeline;

/// <summary>The stages of <see cref="AnalysisRun"/> that report per photo.</summary>
public enum AnalysisStage
{
    /// <summary>Segmenting photos into masks.</summary>
    Segment,

    /// <summary>Measuring masks.</summary>
    Measure,
}

/// <summary>A stage starting (<see cref="Done"/> 0, no photo) or one photo finished in it.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Photo">The photo's path; empty when the stage starts.</param>
/// <param name="Done">Photos of this stage finished so far, this one included.</param>
/// <param name="Total">Photos in this stage.</param>
/// <param name="Worked">True when work was done (counts toward the rate), false when it was up to date or failed.</param>
/// <param name="Problem">Why the photo failed (without the path), or null.</param>
public sealed record AnalysisEvent(AnalysisStage Stage, string Photo, int Done, int Total, bool Worked, string? Problem)
{
    /// <summary>The event that opens a stage of <paramref name="total"/> photos.</summary>
    public static AnalysisEvent Start(AnalysisStage stage, int total) => new(stage, "", 0, total, false, null);
}

namespace RootSeg.Analysis.Metrics;

/// <summary>The confusion counts of one image.</summary>
/// <param name="Image">The image's name (its file stem), unique within a report.</param>
/// <param name="Counts">Its counts over labelled pixels.</param>
public sealed record ImageEvaluation(string Image, ConfusionCounts Counts)
{
    /// <summary>Whether the truth holds at least one root pixel.</summary>
    public bool HasRoots => Counts.TrueRootPixels > 0;
}

namespace RootSeg.Segmentation.Batch;

/// <summary>What happened to one photo of a batch run.</summary>
public enum PhotoOutcome
{
    /// <summary>Segmented and its outputs written.</summary>
    Segmented,

    /// <summary>Left alone: its outputs were already up to date.</summary>
    Skipped,

    /// <summary>Could not be read, segmented or written; see the problem.</summary>
    Failed,
}

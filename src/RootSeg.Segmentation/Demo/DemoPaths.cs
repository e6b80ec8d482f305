namespace RootSeg.Segmentation.Demo;

/// <summary>Where <see cref="DemoRun"/> puts each output inside its folder.</summary>
/// <param name="Directory">The demo's output folder.</param>
public sealed record DemoPaths(string Directory)
{
    /// <summary>The synthetic dataset: photos/, annotations/ and truth.csv.</summary>
    public string Dataset => Path.Combine(Directory, "dataset");

    /// <summary>The split into training, validation and test photos.</summary>
    public string Split => Path.Combine(Directory, "split.json");

    /// <summary>The training run: log.csv, best.safetensors, best.json, checkpoint.</summary>
    public string Run => Path.Combine(Directory, "run");

    /// <summary>Root masks of the test photos (white = root).</summary>
    public string Segmentations => Path.Combine(Directory, "segmentations");

    /// <summary>TP/FP/FN overlays of the test photos.</summary>
    public string Overlays => Path.Combine(Directory, "overlays");

    /// <summary>Evaluation against the exact masks (JSON).</summary>
    public string EvaluationJson => Path.Combine(Directory, "evaluation.json");

    /// <summary>Evaluation, one row per test photo (CSV).</summary>
    public string EvaluationCsv => Path.Combine(Directory, "evaluation.csv");

    /// <summary>Root length, traits and line-intersect counts per test photo.</summary>
    public string Measurements => Path.Combine(Directory, "measurements.csv");

    /// <summary>The synthesiser's true root length per photo, in mm.</summary>
    public string TrueLengths => Path.Combine(Directory, "true_length.csv");

    /// <summary>Segmented length against true length: Spearman, Pearson, regression.</summary>
    public string Correlation => Path.Combine(Directory, "correlation.json");

    /// <summary>The HTML report.</summary>
    public string Report => Path.Combine(Directory, "report.html");
}

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The files an <see cref="HtmlReport"/> reads. Every one is optional: a part whose input is missing or unreadable
/// is replaced in the page by a note saying what was missing.
/// </summary>
public sealed record ReportInputs
{
    /// <summary>Heading of the page.</summary>
    public string Title { get; init; } = "RootSeg report";

    /// <summary>
    /// Paragraphs placed under the heading, before the standard explanations: for example what data the run used.
    /// Plain text; it is escaped.
    /// </summary>
    public IReadOnlyList<string> Introduction { get; init; } = [];

    /// <summary>
    /// A training run folder (<c>rootseg train --out</c>): <c>log.csv</c> (one row per epoch) and <c>best.json</c>
    /// (the description of the best model). Null when there is none.
    /// </summary>
    public string? RunDirectory { get; init; }

    /// <summary>
    /// The evaluation: a JSON file written by <see cref="Metrics.EvaluationWriter.WriteJson"/>, a per-image CSV
    /// written by <see cref="Metrics.EvaluationWriter.WriteCsv"/>, or a folder holding one of them.
    /// </summary>
    public string? Evaluation { get; init; }

    /// <summary>A measurement CSV written by <see cref="Measurement.MeasurementWriter.Write"/>.</summary>
    public string? Measurements { get; init; }

    /// <summary>
    /// A correlation JSON written by <see cref="Statistics.CorrelationSummary.SaveJson"/>; its <c>x</c> and
    /// <c>y</c> entries ("FILE:COLUMN") name the tables the scatter plot is redrawn from.
    /// </summary>
    public string? Correlation { get; init; }

    /// <summary>
    /// A folder of TP/FP/FN overlay images (PNG or JPEG), each named after its image: <c>STEM.png</c>,
    /// <c>STEM.jpg</c> or <c>STEM.anything.png</c>.
    /// </summary>
    public string? Overlays { get; init; }
}

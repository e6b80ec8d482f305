using System.Xml.Linq;
using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// One self-contained HTML page about a segmentation run, for readers who have not seen the code: what was done and
/// how to read each part, the run summary, training curves, the metrics tables, the error overlays of the best and
/// worst photos, the measurements and the correlation with an independent measure. It follows the evaluation of
/// Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0).
/// </summary>
/// <remarks>
/// Charts are inline SVG and images are data URIs, so the page needs no other file and no network. The page is
/// XHTML-style: it parses as XML as well as HTML, and all text from the inputs is escaped. Parts whose inputs are
/// missing or unreadable are replaced by a note, and listed in <see cref="MissingParts"/> and at the end of the page.
/// </remarks>
public sealed class HtmlReport
{
    private HtmlReport(string html, IReadOnlyList<string> missingParts)
    {
        Html = html;
        MissingParts = missingParts;
    }

    /// <summary>The page.</summary>
    public string Html { get; }

    /// <summary>One line per part that could not be drawn: "part: reason". Empty when the report is complete.</summary>
    public IReadOnlyList<string> MissingParts { get; }

    /// <summary>The ids of the page's sections, in order.</summary>
    public static IReadOnlyList<string> SectionIds { get; } =
        ["about", "summary", "training", "metrics", "per-image", "overlays", "measurements", "correlation", "missing"];

    /// <summary>Reads the inputs and builds the page. Never throws for a missing or unreadable input.</summary>
    /// <param name="inputs">Where the inputs are; any may be null.</param>
    public static HtmlReport Create(ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputs.Title, nameof(inputs));
        ArgumentNullException.ThrowIfNull(inputs.Introduction, nameof(inputs));
        var missing = new MissingParts();
        var evaluation = LoadEvaluation(inputs.Evaluation, out var evaluationProblem);
        var sections = new List<XElement> { About() };
        sections.AddRange(TrainingRunSection.Build(inputs.RunDirectory, missing));
        sections.AddRange(EvaluationSection.Build(evaluation, evaluationProblem, missing));
        sections.Add(OverlaySection.Build(inputs.Overlays, evaluation, missing));
        sections.Add(MeasurementSection.Build(inputs.Measurements, missing));
        sections.Add(CorrelationSection.Build(inputs.Correlation, missing));
        sections.Add(MissingSection(missing.Notes));
        var page = Xhtml.E("html", new XAttribute("lang", "en"),
            Xhtml.E("head",
                Xhtml.E("meta", new XAttribute("charset", "utf-8")),
                Xhtml.E("title", inputs.Title),
                Xhtml.E("style", "\n" + ReportStyle.Css)),
            Xhtml.E("body",
                Xhtml.E("h1", inputs.Title),
                inputs.Introduction.Select(p => Xhtml.Classed("p", "intro", p)),
                Contents(),
                sections,
                Xhtml.E("footer", "Made by RootSeg, a C# reimplementation of Smith et al. 2020, \"Segmentation of roots in soil with U-Net\", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0.")));
        return new HtmlReport(Xhtml.Serialize(page), missing.Notes.ToArray());
    }

    /// <summary>Writes the page to <paramref name="path"/> through a temporary file, so no half-written page is seen.</summary>
    /// <exception cref="IOException">The folder does not exist or the file cannot be written.</exception>
    public void Save(string path) => AtomicFile.WriteText(path, Html);

    private static EvaluationReport? LoadEvaluation(string? path, out string? problem)
    {
        problem = null;
        if (path is null)
        {
            problem = "no evaluation was given (--eval)";
            return null;
        }
        try
        {
            return EvaluationLoader.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException or IOException)
        {
            problem = $"the evaluation cannot be read: {e.Message}";
            return null;
        }
    }

    private static XElement About() => ReportSection.Create("about", "What was done",
        "A U-Net, a neural network that labels every pixel of a photo, was trained to tell plant roots from soil in "
        + "photos whose roots had been traced by hand (the annotations). The photos were split into three groups: "
        + "training photos the network learns from, validation photos used to pick the best moment to stop, and test "
        + "photos kept aside until the end. The trained network then segmented the test photos (marked each pixel as "
        + "root or not), and the result was compared with the annotations and measured.",
        Xhtml.P("The sections below follow that order. Each starts with a shaded note on how to read it. Numbers "
            + "shown as n/a are undefined (for example precision when nothing was found); parts whose input files "
            + "were missing say so in an orange note and are listed at the end."));

    private static XElement Contents() =>
        Xhtml.E("nav",
            Xhtml.E("ul", new (string Id, string Text)[]
            {
                ("summary", "Run summary"), ("training", "Training curves"), ("metrics", "Segmentation metrics"),
                ("per-image", "Per-image results"), ("overlays", "Best and worst photo"),
                ("measurements", "Measurements"), ("correlation", "Correlation"), ("missing", "Missing parts"),
            }.Select(l => Xhtml.E("li", Xhtml.E("a", new XAttribute("href", "#" + l.Id), l.Text)))));

    private static XElement MissingSection(IReadOnlyList<string> notes) => ReportSection.Create("missing", "Missing parts",
        "Parts of this report that could not be drawn because an input file was not given or could not be read.",
        notes.Count == 0
            ? Xhtml.P("None: every part of the report was drawn.")
            : Xhtml.E("ul", notes.Select(n => Xhtml.Classed("li", "missing-part", n))));
}

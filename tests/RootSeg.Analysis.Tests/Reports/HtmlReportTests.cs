using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using RootSeg.Analysis.Metrics;
using RootSeg.Analysis.Reports;

namespace RootSeg.Analysis.Tests.Reports;

public sealed class HtmlReportTests
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Non-void HTML elements the report uses: written as "<name ... />" an HTML parser would leave them open.
    private static readonly string[] NonVoid = ["div", "p", "span", "td", "th", "tr", "table", "section", "figure", "ul", "li", "a", "h1", "h2", "h3", "title", "style", "nav", "figcaption"];

    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static XElement Section(XDocument page, string id) =>
        page.Descendants(X + "section").Single(s => (string?)s.Attribute("id") == id);

    private static XElement[] WithClass(XElement scope, XName name, string cssClass) =>
        scope.Descendants(name).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true).ToArray();

    private static string[] Column(XElement table, int column) =>
        table.Element(X + "tbody")!.Elements(X + "tr").Select(r => r.Elements(X + "td").ElementAt(column).Value.Trim()).ToArray();

    [Fact]
    public void WithoutInputsEverySectionSaysWhatIsMissingAndThePageStillParses()
    {
        var report = HtmlReport.Create(new ReportInputs());
        var page = Parse(report.Html);
        Assert.Equal(HtmlReport.SectionIds, page.Descendants(X + "section").Select(s => (string)s.Attribute("id")!));
        foreach (var id in new[] { "summary", "training", "metrics", "per-image", "overlays", "measurements", "correlation" })
        {
            var note = Assert.Single(WithClass(Section(page, id), X + "p", "missing"));
            Assert.StartsWith("Not available: no ", note.Value, StringComparison.Ordinal);
        }
        Assert.Equal(7, report.MissingParts.Count);
        Assert.Equal(7, WithClass(Section(page, "missing"), X + "li", "missing-part").Length);
        Assert.Empty(page.Descendants(Svg + "svg"));
    }

    [Fact]
    public void CompleteInputsGiveEveryPartAndNothingMissing()
    {
        using var files = new ReportFiles();
        var report = HtmlReport.Create(files.Inputs());
        Assert.Empty(report.MissingParts);
        var page = Parse(report.Html);
        Assert.Empty(WithClass(page.Root!, X + "p", "missing"));
        Assert.Equal("None: every part of the report was drawn.", Section(page, "missing").Elements(X + "p").Last().Value);

        var summary = Section(page, "summary").Descendants(X + "tr").Select(r => r.Elements(X + "td").Select(d => d.Value).ToArray())
            .Where(r => r.Length == 2).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("3", summary["epochs trained"]);
        Assert.Equal("3", summary["best epoch (kept model)"]);
        Assert.Equal("0.6200", summary["validation F1 of the kept model"]);
        Assert.Equal("33.5 s", summary["training time"]);
        Assert.Contains("width 8, 4 GroupNorm groups", summary["network"], StringComparison.Ordinal);

        // F1 and loss per epoch (training and validation lines), then validation F1 against training minutes.
        var charts = Section(page, "training").Descendants(Svg + "svg").ToArray();
        Assert.Equal(3, charts.Length);
        foreach (var chart in charts)
        {
            var lines = chart.Descendants(Svg + "polyline").ToArray();
            Assert.Equal(chart == charts[^1] ? 1 : 2, lines.Length);
            Assert.All(lines, l => Assert.Equal(3, ((string)l.Attribute("points")!).Split(' ').Length));
        }
        Assert.Contains("minutes of training", charts[^1].ToString(), StringComparison.Ordinal);

        var table3 = WithClass(Section(page, "metrics"), X + "table", "table3").Single();
        Assert.Equal(["accuracy", "precision", "recall", "F1", "IoU", "prediction mean", "true mean"], Column(table3, 0));
        Assert.Equal(ReportFiles.Format(files.Evaluation.Pooled.F1), Column(table3, 1)[3]);
        Assert.All(Column(table3, 2), d => Assert.Contains("TP", d, StringComparison.Ordinal));
        var table4 = WithClass(Section(page, "metrics"), X + "table", "table4").Single();
        var f1 = files.Evaluation.PerImage(Metric.F1);
        Assert.Equal($"{ReportFiles.Format(f1.Mean)} ± {ReportFiles.Format(f1.StandardDeviation)}", Column(table4, 1)[3]);
        Assert.Equal("4", Column(table4, 2)[3]);

        var perImage = WithClass(Section(page, "per-image"), X + "table", "per-image").Single();
        Assert.Equal(files.Names, Column(perImage, 0));
        Assert.Equal(files.Evaluation.Images.Select(i => ReportFiles.Format(i.Counts.F1)), Column(perImage, 1));

        var figures = WithClass(Section(page, "overlays"), X + "figure", "overlay");
        Assert.Equal(2, figures.Length);
        Assert.StartsWith("best: a, F1 ", figures[0].Element(X + "figcaption")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("worst: d, F1 ", figures[1].Element(X + "figcaption")!.Value, StringComparison.Ordinal);
        var png = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(files.Overlays, "a.png")));
        Assert.Equal("data:image/png;base64," + png, (string)figures[0].Element(X + "img")!.Attribute("src")!);
        Assert.Equal(3, WithClass(Section(page, "overlays"), X + "span", "swatch").Length);

        var measurements = WithClass(Section(page, "measurements"), X + "table", "measurements").Single();
        Assert.Equal([.. files.Names, "mean"], Column(measurements, 0));
        Assert.Equal(["10.00", "13.00", "16.00", "19.00", "14.50"], Column(measurements, 1));
        Assert.Contains("intensity, 10 mm grid (crossings/m)", measurements.Descendants(X + "th").Select(h => h.Value));

        var correlation = Section(page, "correlation");
        Assert.Equal(4, WithClass(correlation, Svg + "circle", "point").Length);
        var stats = correlation.Descendants(X + "tr").Select(r => r.Elements(X + "td").Select(d => d.Value).ToArray())
            .Where(r => r.Length == 2).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("4", stats["n (photos)"]);
        Assert.Equal("1.0000", stats["Spearman rho"]);
    }

    [Fact]
    public void TextFromInputsIsEscapedAndComesBackUnchanged()
    {
        const string hostile = "<script>alert('x')</script> & \"quotes\"";
        using var files = new ReportFiles("<b>root<b>", "a&b", "plain");
        var inputs = files.Inputs(hostile) with { Introduction = [hostile] };
        var html = HtmlReport.Create(inputs).Html;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>root<b>", html, StringComparison.Ordinal);
        var page = Parse(html);
        Assert.Equal(hostile, page.Descendants(X + "h1").Single().Value);
        Assert.Equal(hostile, page.Descendants(X + "title").Single().Value);
        Assert.Equal(hostile, WithClass(page.Root!, X + "p", "intro").Single().Value);
        var perImage = WithClass(Section(page, "per-image"), X + "table", "per-image").Single();
        Assert.Equal(["<b>root<b>", "a&b", "plain"], Column(perImage, 0));
    }

    [Fact]
    public void NoNonVoidHtmlElementIsSelfClosed()
    {
        using var files = new ReportFiles();
        var html = HtmlReport.Create(files.Inputs()).Html + HtmlReport.Create(new ReportInputs()).Html;
        var selfClosed = Regex.Matches(html, @"<([a-z0-9]+)\b[^<>]*/>").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.NotEmpty(selfClosed);
        Assert.Empty(selfClosed.Intersect(NonVoid));
    }

    [Fact]
    public void UnreadableInputsAreReportedByFileNotThrown()
    {
        using var files = new ReportFiles();
        File.WriteAllText(Path.Combine(files.Run, "log.csv"), "epoch,train_f1\n1,\"oops\n");
        File.Delete(Path.Combine(files.Run, "best.json"));
        File.WriteAllText(files.EvaluationJson, "{ not json");
        File.WriteAllText(files.Measurements, "image,other\nx,1\n");
        File.WriteAllText(files.Correlation, "[]");
        var report = HtmlReport.Create(files.Inputs() with { Overlays = Path.Combine(files.Root, "nowhere") });
        Parse(report.Html);
        Assert.Contains(report.MissingParts, m => m.StartsWith("run summary:", StringComparison.Ordinal) && m.Contains("best.json", StringComparison.Ordinal));
        Assert.Contains(report.MissingParts, m => m.StartsWith("training curves:", StringComparison.Ordinal) && m.Contains("log.csv", StringComparison.Ordinal));
        Assert.Contains(report.MissingParts, m => m.StartsWith("metrics tables:", StringComparison.Ordinal) && m.Contains("evaluation.json", StringComparison.Ordinal));
        Assert.Contains(report.MissingParts, m => m.StartsWith("overlays:", StringComparison.Ordinal) && m.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(report.MissingParts, m => m.StartsWith("measurements:", StringComparison.Ordinal) && m.Contains("length_mm", StringComparison.Ordinal));
        Assert.Contains(report.MissingParts, m => m.StartsWith("correlation:", StringComparison.Ordinal) && m.Contains("correlation.json", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluationReadsTheSameFromJsonCsvOrFolder()
    {
        using var files = new ReportFiles();
        string Table(string evaluation)
        {
            var page = Parse(HtmlReport.Create(files.Inputs() with { Evaluation = evaluation }).Html);
            return Section(page, "metrics").ToString() + Section(page, "per-image");
        }
        var fromJson = Table(files.EvaluationJson);
        Assert.Equal(fromJson, Table(files.EvaluationCsv));
        Assert.Equal(fromJson, Table(files.Root));
    }

    [Fact]
    public void MissingOverlayOfOneImageIsNotedInItsPlace()
    {
        using var files = new ReportFiles();
        File.Delete(Path.Combine(files.Overlays, "d.png"));
        var report = HtmlReport.Create(files.Inputs());
        var figures = WithClass(Section(Parse(report.Html), "overlays"), X + "figure", "overlay");
        Assert.Single(figures[0].Elements(X + "img"));
        Assert.Empty(figures[1].Elements(X + "img"));
        Assert.Equal(["overlay of d: no overlay image named 'd' in '" + files.Overlays + "'"], report.MissingParts);
    }

    [Fact]
    public void SaveWritesThePageAtomicallyAndNamesABadFolder()
    {
        using var files = new ReportFiles();
        var report = HtmlReport.Create(files.Inputs());
        var path = Path.Combine(files.Root, "report.html");
        report.Save(path);
        Assert.Equal(report.Html, File.ReadAllText(path));
        Assert.Empty(Directory.EnumerateFiles(files.Root, "*.tmp"));
        var missing = Path.Combine(files.Root, "absent", "r.html");
        var error = Assert.ThrowsAny<IOException>(() => report.Save(missing));
        Assert.StartsWith($"{missing}: ", error.Message, StringComparison.Ordinal);
    }
}

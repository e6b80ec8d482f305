using System.Text.Json;
using System.Xml.Linq;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The check against an independent measure: the scatter of one per-photo measurement against another with
/// Spearman's rho and the least-squares r², as Smith et al. 2020, "Segmentation of roots in soil with U-Net"
/// (doi:10.1186/s13007-020-00563-0), Figure 8, relate segmented root length to manual root intensity.
/// </summary>
internal static class CorrelationSection
{
    private const string Guide =
        "Does the segmentation measure roots correctly? Each dot is one photo: the root length measured from the "
        + "segmentation against an independent measure of the same photo. Dots close to a rising straight line mean "
        + "the automatic measure can replace the independent one. Spearman's rho (1 = same ranking of the photos) "
        + "and r² (share of the variation the line explains, 1 = all) say how close; p is the chance of a relation "
        + "at least this strong arising by luck if there were none (small is good); n is the number of photos.";

    public static XElement Build(string? jsonPath, MissingParts missing)
    {
        if (jsonPath is null)
        {
            return ReportSection.Create("correlation", "Correlation", Guide,
                missing.Note("correlation", "no correlation file was given (--correlation)"));
        }
        Statistics? stats;
        try
        {
            stats = Read(jsonPath);
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return ReportSection.Create("correlation", "Correlation", Guide,
                missing.Note("correlation", $"the correlation file '{jsonPath}' cannot be read: {e.Message}"));
        }
        List<IReadOnlyList<object>> rows =
        [
            ["x", stats.X],
            ["y", stats.Y],
            ["n (photos)", stats.N.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["Spearman rho", Xhtml.Number(stats.Rho)],
            ["Spearman p", Xhtml.Number(stats.RhoP, "G3")],
            ["Pearson r", Xhtml.Number(stats.PearsonR)],
            ["regression r²", Xhtml.Number(stats.RSquared)],
            ["regression p", Xhtml.Number(stats.RegressionP, "G3")],
            ["regression line", double.IsFinite(stats.Slope) ? $"y = {Xhtml.Number(stats.Intercept, "G4")} + {Xhtml.Number(stats.Slope, "G4")} x" : "n/a"],
            ["Bland-Altman bias (y - x)", Xhtml.Number(stats.Bias, "G4")],
            ["limits of agreement", double.IsFinite(stats.LowerLimit) ? $"{Xhtml.Number(stats.LowerLimit, "G4")} to {Xhtml.Number(stats.UpperLimit, "G4")}" : "n/a"],
        ];
        object chart;
        try
        {
            var pairs = Pairs(stats.X, stats.Y, Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
            chart = Xhtml.Classed("figure", "chart",
                Charts.CorrelationScatter(pairs, "Per-photo correlation", Describe(stats.X), Describe(stats.Y),
                    agreement: BlandAltman.SameUnit(stats.X, stats.Y)).ToElement());
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException or IOException or ArgumentException)
        {
            chart = missing.Note("correlation scatter", $"the tables behind the correlation cannot be read: {e.Message}");
        }
        return ReportSection.Create("correlation", "Correlation", Guide,
            Xhtml.Classed("div", "charts", chart, Xhtml.Table("correlation", ["statistic", "value"], rows)));
    }

    private static Statistics Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        if (JsonValues.String(root, "schema") != CorrelationSummary.JsonSchema)
        {
            throw new FormatException($"schema '{CorrelationSummary.JsonSchema}' expected");
        }
        var spearman = root.GetProperty("spearman");
        var pearson = root.GetProperty("pearson");
        var regression = root.GetProperty("regression");
        var hasLine = regression.ValueKind == JsonValueKind.Object;
        // Files written before the Bland-Altman figures were added have none.
        var agreement = root.TryGetProperty("bland_altman", out var a) && a.ValueKind == JsonValueKind.Object ? a : (JsonElement?)null;
        return new Statistics(
            JsonValues.String(root, "x") ?? throw new FormatException("'x' is missing"),
            JsonValues.String(root, "y") ?? throw new FormatException("'y' is missing"),
            JsonValues.Int(root, "n"),
            JsonValues.Number(spearman, "rho"), JsonValues.Number(spearman, "p"), JsonValues.Number(pearson, "r"),
            hasLine ? JsonValues.Number(regression, "r_squared") : double.NaN,
            hasLine ? JsonValues.Number(regression, "p") : double.NaN,
            hasLine ? JsonValues.Number(regression, "slope") : double.NaN,
            hasLine ? JsonValues.Number(regression, "intercept") : double.NaN,
            agreement is { } b ? JsonValues.Number(b, "bias") : double.NaN,
            agreement is { } l ? JsonValues.Number(l, "lower_limit") : double.NaN,
            agreement is { } u ? JsonValues.Number(u, "upper_limit") : double.NaN);
    }

    private static PairedSamples Pairs(string x, string y, string jsonFolder)
    {
        var (xFile, xColumn) = Split(x, jsonFolder);
        var (yFile, yColumn) = Split(y, jsonFolder);
        return PairedSamples.Join(CsvTable.Read(xFile), xColumn, CsvTable.Read(yFile), yColumn);
    }

    // A name is "FILE:COLUMN"; the file is read as written, or else relative to the folder of the correlation file.
    private static (string File, string Column) Split(string name, string jsonFolder)
    {
        var colon = name.LastIndexOf(':');
        if (colon <= 0 || colon == name.Length - 1)
        {
            throw new FormatException($"'{name}' is not FILE:COLUMN");
        }
        var file = name[..colon];
        if (!File.Exists(file) && !Path.IsPathRooted(file))
        {
            var beside = Path.Combine(jsonFolder, file);
            file = File.Exists(beside) ? beside : Path.Combine(jsonFolder, Path.GetFileName(file));
        }
        return (file, name[(colon + 1)..]);
    }

    private static string Describe(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon <= 0 ? name : $"{name[(colon + 1)..]} ({Path.GetFileName(name[..colon])})";
    }

    private sealed record Statistics(string X, string Y, int N, double Rho, double RhoP, double PearsonR,
        double RSquared, double RegressionP, double Slope, double Intercept, double Bias, double LowerLimit, double UpperLimit);
}

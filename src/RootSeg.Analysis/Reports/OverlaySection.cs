using System.Globalization;
using System.Xml.Linq;
using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Overlays;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The error overlays of the best and the worst test photo by F1, embedded in the page as data URIs: true positives,
/// false positives and false negatives in their own colours, as Smith et al. 2020, "Segmentation of roots in soil
/// with U-Net" (doi:10.1186/s13007-020-00563-0) show them.
/// </summary>
internal static class OverlaySection
{
    private const string Guide =
        "Where the network agrees and disagrees with the annotation, on the test photo it did best on and the one it "
        + "did worst on (by F1). Soil it rightly left alone is shown as in the photo.";

    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    public static XElement Build(string? overlayFolder, EvaluationReport? report, MissingParts missing)
    {
        if (overlayFolder is null)
        {
            return ReportSection.Create("overlays", "Best and worst photo", Guide,
                missing.Note("overlays", "no folder of overlay images was given (--overlays)"));
        }
        if (!Directory.Exists(overlayFolder))
        {
            return ReportSection.Create("overlays", "Best and worst photo", Guide,
                missing.Note("overlays", $"the overlay folder '{overlayFolder}' does not exist"));
        }
        if (report is null)
        {
            return ReportSection.Create("overlays", "Best and worst photo", Guide,
                missing.Note("overlays", "without an evaluation the best and worst photos are unknown"));
        }
        var scored = report.Images.Where(i => double.IsFinite(i.Counts.F1)).OrderByDescending(i => i.Counts.F1).ToArray();
        if (scored.Length == 0)
        {
            return ReportSection.Create("overlays", "Best and worst photo", Guide,
                missing.Note("overlays", "no test photo has a defined F1 (none holds root)"));
        }
        var chosen = scored.Length == 1
            ? new[] { ("best and worst", scored[0]) }
            : [("best", scored[0]), ("worst", scored[^1])];
        var figures = new List<XElement>();
        foreach (var (rank, image) in chosen)
        {
            var file = Find(overlayFolder, image.Image);
            var caption = Xhtml.E("figcaption",
                string.Create(CultureInfo.InvariantCulture, $"{rank}: {image.Image}, F1 {Xhtml.Number(image.Counts.F1)}"));
            figures.Add(file is null
                ? Xhtml.Classed("figure", "overlay", missing.Note($"overlay of {image.Image}", $"no overlay image named '{image.Image}' in '{overlayFolder}'"), caption)
                : Xhtml.Classed("figure", "overlay",
                    Xhtml.E("img", new XAttribute("src", DataUri(file)), new XAttribute("alt", $"error overlay of {image.Image}")),
                    caption));
        }
        return ReportSection.Create("overlays", "Best and worst photo", Guide, Legend(), Xhtml.Classed("div", "overlays", figures));
    }

    private static XElement Legend()
    {
        var colours = ErrorColours.Default;
        return Xhtml.Classed("p", "legend",
            Swatch(colours.TruePositive, "true positive: root found where there is root"),
            Swatch(colours.FalsePositive, "false positive: root reported on soil"),
            Swatch(colours.FalseNegative, "false negative: root missed"));
    }

    private static XElement Swatch(OverlayColour colour, string text) =>
        Xhtml.Classed("span", "key",
            Xhtml.Classed("span", "swatch", new XAttribute("style", $"background: rgb({colour.R}, {colour.G}, {colour.B})")),
            " " + text);

    private static string? Find(string folder, string stem) =>
        ImageFiles.InFolder(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f =>
            {
                var name = Path.GetFileName(f);
                return Path.GetFileNameWithoutExtension(f) == stem || name.StartsWith(stem + ".", StringComparison.Ordinal);
            })
            .OrderBy(f => Path.GetFileNameWithoutExtension(f) == stem ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();

    private static string DataUri(string file)
    {
        var mime = Path.GetExtension(file).Equals(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg";
        return $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}";
    }
}

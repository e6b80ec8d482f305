using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;

namespace RootSeg.Analysis.Depth;

/// <summary>
/// Writes a <see cref="DepthProfile"/> as two tidy CSV tables (one row per profile and band; one row per profile)
/// and as SVG charts of root length and root length density against depth, one line per profile.
/// </summary>
public static class DepthProfileWriter
{
    /// <summary>Columns of the band table, with descriptions.</summary>
    public static IReadOnlyList<(string Name, string Description)> BandColumns { get; } =
    [
        ("site", "panel or tube"),
        ("date", "date as given in the file name or metadata (empty when unknown)"),
        ("session", "imaging session as given (empty when unknown)"),
        ("band_top_mm", "top of the depth band below the soil surface, mm"),
        ("band_bottom_mm", "bottom of the depth band, mm"),
        ("band_mid_mm", "middle of the depth band, mm"),
        ("images", "images that cover the band"),
        ("length_mm", "root length in the band: skeleton length (diagonal steps sqrt 2), mm"),
        ("imaged_area_mm2", "area of the images that lies in the band, mm²"),
        ("rld_cm_per_cm3", "root length density: length / (imaged area x depth of field), cm per cm³"),
        ("rli_mm_per_cm2", "root length intensity: length / imaged area, mm per cm²"),
    ];

    /// <summary>Columns of the rooting-depth table, with descriptions.</summary>
    public static IReadOnlyList<(string Name, string Description)> SummaryColumns { get; } =
    [
        ("site", "panel or tube"),
        ("date", "date as given (empty when unknown)"),
        ("session", "imaging session as given (empty when unknown)"),
        ("images", "images in the profile"),
        ("length_mm", "root length of the whole profile, mm"),
        ("d50_mm", "depth above which 50% of the root length lies, interpolated within bands, mm (NaN without roots)"),
        ("d95_mm", "depth above which 95% of the root length lies, interpolated within bands, mm (NaN without roots)"),
        ("deepest_root_band_bottom_mm", "bottom of the deepest band holding root length, mm (NaN without roots)"),
    ];

    /// <summary>The band table.</summary>
    public static CsvWriter BandTable(DepthProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var csv = new CsvWriter(BandColumns.Select(c => c.Name).ToArray());
        foreach (var r in profile.Rows)
        {
            csv.AddRow(r.Group.Site, r.Group.Date, r.Group.Session, r.TopMm, r.BottomMm, (r.TopMm + r.BottomMm) / 2, r.Images,
                r.LengthMm, r.AreaMm2, r.RootLengthDensityCmPerCm3, r.RootLengthIntensityMmPerCm2);
        }
        return csv;
    }

    /// <summary>The rooting-depth table.</summary>
    public static CsvWriter SummaryTable(DepthProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var csv = new CsvWriter(SummaryColumns.Select(c => c.Name).ToArray());
        foreach (var s in profile.Summaries)
        {
            csv.AddRow(s.Group.Site, s.Group.Date, s.Group.Session, s.Images, s.LengthMm, s.D50Mm, s.D95Mm, s.DeepestBandBottomMm);
        }
        return csv;
    }

    /// <summary>
    /// A chart of one band quantity against band middle depth, one line per profile (at most 12 profiles are
    /// drawn, the first in profile order, and a note says so when there are more).
    /// </summary>
    /// <param name="profile">The profiles.</param>
    /// <param name="rld">True for root length density, false for root length.</param>
    public static SvgPlot Chart(DepthProfile profile, bool rld)
    {
        ArgumentNullException.ThrowIfNull(profile);
        const int MaxLines = 12;
        var plot = new SvgPlot(rld ? "Root length density against depth" : "Root length against depth",
            "depth below the surface (band middle), mm", rld ? "root length density, cm per cm³" : "root length per band, mm");
        var groups = profile.Rows.GroupBy(r => r.Group).ToList();
        foreach (var g in groups.Take(MaxLines))
        {
            var label = string.Join(" ", new[] { g.Key.Site, g.Key.Date, g.Key.Session }.Where(t => t.Length > 0));
            plot.AddLine(label, g.Select(r => (r.TopMm + r.BottomMm) / 2).ToArray(),
                g.Select(r => rld ? r.RootLengthDensityCmPerCm3 : r.LengthMm).ToArray());
        }
        if (groups.Count > MaxLines)
        {
            plot.AddNote(FormattableString.Invariant($"{MaxLines} of {groups.Count} profiles drawn; all are in the CSV"));
        }
        return plot;
    }

    /// <summary>
    /// Writes <c>depth_profile.csv</c>, <c>rooting_depth.csv</c>, <c>depth_profile.svg</c> (length) and
    /// <c>depth_rld.svg</c> into <paramref name="folder"/>, each atomically.
    /// </summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="profile">The profiles.</param>
    public static void Write(string folder, DepthProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(profile);
        BandTable(profile).Save(Path.Combine(folder, "depth_profile.csv"));
        SummaryTable(profile).Save(Path.Combine(folder, "rooting_depth.csv"));
        Chart(profile, rld: false).Save(Path.Combine(folder, "depth_profile.svg"));
        Chart(profile, rld: true).Save(Path.Combine(folder, "depth_rld.svg"));
    }
}

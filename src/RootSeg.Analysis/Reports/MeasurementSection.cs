using System.Xml.Linq;
using RootSeg.Analysis.Csv;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The measurement summary: root length along the skeleton in mm (Smith et al. 2020, doi:10.1186/s13007-020-00563-0,
/// measure skeleton pixels) and the root intensity of a virtual line-intersect count (crossings of the roots with a
/// square grid per metre of grid line, the number the manual method of Tennant 1975 gives).
/// </summary>
internal static class MeasurementSection
{
    private const string Guide =
        "What was measured on each segmented photo. Root length is the length of the roots' centre lines (the "
        + "skeleton of the segmentation), converted from pixels to millimetres. Root intensity is what an agronomist "
        + "counts by hand: a square grid of lines is laid over the photo and every place a root crosses a line is "
        + "counted, per metre of line. Here the grid is laid over the segmentation, so the count is automatic.";

    private const string IntensitySuffix = "_root_intensity_per_m";

    public static XElement Build(string? csvPath, MissingParts missing)
    {
        if (csvPath is null)
        {
            return ReportSection.Create("measurements", "Measurements", Guide,
                missing.Note("measurements", "no measurement table was given (--measure)"));
        }
        CsvTable table;
        try
        {
            table = CsvTable.Read(csvPath);
            table.ColumnIndex("image");
            table.ColumnIndex("length_mm");
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or KeyNotFoundException or IOException)
        {
            return ReportSection.Create("measurements", "Measurements", Guide,
                missing.Note("measurements", $"the measurement table cannot be read: {e.Message}"));
        }
        var intensityColumns = table.Columns.Where(c => c.EndsWith(IntensitySuffix, StringComparison.Ordinal)).ToArray();
        var optional = new[] { ("area_mm2", "root area (mm²)"), ("mean_diameter_mm", "mean diameter (mm)"), ("rld_cm_per_cm3", "root length density (cm/cm³)") }
            .Where(c => table.HasColumn(c.Item1)).ToArray();
        var header = new List<string> { "photo", "root length (mm)" };
        header.AddRange(optional.Select(c => c.Item2));
        header.AddRange(intensityColumns.Select(c => $"intensity, {GridName(c)} grid (crossings/m)"));
        var columns = new List<double[]> { table.NumericColumn("length_mm") };
        columns.AddRange(optional.Select(c => table.NumericColumn(c.Item1)));
        columns.AddRange(intensityColumns.Select(table.NumericColumn));
        var names = table.Column("image");
        var rows = new List<IReadOnlyList<object>>();
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = new List<object> { names[r] };
            row.AddRange(columns.Select(c => (object)Xhtml.Number(c[r], "F2")));
            rows.Add(row);
        }
        if (table.RowCount > 1)
        {
            var mean = new List<object> { Xhtml.E("strong", "mean") };
            mean.AddRange(columns.Select(c => (object)Xhtml.Number(c.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(), "F2")));
            rows.Add(mean);
        }
        return ReportSection.Create("measurements", "Measurements", Guide,
            Xhtml.Table("measurements", header, rows),
            Xhtml.P($"From {Path.GetFileName(csvPath)}, which has further columns (diameters, tips, branch points, length per diameter class)."));
    }

    private static string GridName(string column) =>
        column.StartsWith("grid", StringComparison.Ordinal)
            ? column["grid".Length..^IntensitySuffix.Length].Replace("mm", " mm", StringComparison.Ordinal)
            : column;
}

using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Traits;

namespace RootSeg.Analysis.Export;

/// <summary>
/// Writes and reads features tables with the column names and units of RhizoVision Explorer's "broken roots" mode
/// (Seethepalli et al. 2021, "RhizoVision Explorer: open-source software for root image analysis and measurement
/// standardization", AoB PLANTS 13:plab056, doi:10.1093/aobpla/plab056), so that R or Python scripts written for its
/// <c>features.csv</c> read RootSeg's measurements.
/// </summary>
/// <remarks>
/// <para>Columns, in RhizoVision Explorer's order: File Name, Region of Interest, Number of Root Tips, Number of
/// Branch Points, Total Root Length (mm), Branching frequency (mm⁻¹), Network Area (mm²), Average Diameter (mm),
/// Median Diameter (mm), Maximum Diameter (mm), Perimeter (mm), Volume (mm³), Surface Area (mm²), Computation Time
/// (s), then Root Length Diameter Range 1..k (mm), Projected Area Diameter Range 1..k (mm²), Surface Area Diameter
/// Range 1..k (mm²) and Volume Diameter Range 1..k (mm³). Without a scale the units read <c>px</c>, <c>px²</c>,
/// <c>px³</c>, <c>px⁻¹</c>, as RhizoVision Explorer writes them when it does not convert pixels.</para>
/// <para>From <see cref="RootTraits"/>: tips, branch points (clusters of junction pixels), skeleton length with
/// diagonal steps sqrt 2, branching frequency = branch points / length, network area = root pixels' area, diameters
/// from the distance transform, volume and surface from cylinder slices, length per diameter class. RootSeg does not
/// measure the perimeter or the projected area, surface and volume per diameter class: those columns hold NaN.
/// Computation time is what the caller measured (NaN when not given).</para>
/// </remarks>
public static class RhizoVisionCsv
{
    /// <summary>The column names for <paramref name="diameterRanges"/> classes, in physical units or pixels.</summary>
    /// <param name="diameterRanges">Number of diameter classes, at least 1.</param>
    /// <param name="physical">True for mm, false for pixels.</param>
    public static IReadOnlyList<string> Columns(int diameterRanges, bool physical)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(diameterRanges, 1);
        var (length, area, volume, inverse) = Units(physical);
        var names = new List<string>
        {
            "File Name", "Region of Interest", "Number of Root Tips", "Number of Branch Points", $"Total Root Length {length}",
            $"Branching frequency {inverse}", $"Network Area {area}", $"Average Diameter {length}", $"Median Diameter {length}",
            $"Maximum Diameter {length}", $"Perimeter {length}", $"Volume {volume}", $"Surface Area {area}", "Computation Time (s)",
        };
        foreach (var (prefix, unit) in new[] { ("Root Length", length), ("Projected Area", area), ("Surface Area", area), ("Volume", volume) })
        {
            for (var k = 1; k <= diameterRanges; k++)
            {
                names.Add($"{prefix} Diameter Range {k} {unit}");
            }
        }
        return names;
    }

    /// <summary>A row from measured traits.</summary>
    /// <param name="fileName">The image's file name.</param>
    /// <param name="traits">Traits measured at the image's scale, or at 1 px/mm for a table in pixels.</param>
    /// <param name="computationTimeSeconds">Time the measurement took, or NaN.</param>
    public static RhizoVisionRow FromTraits(string fileName, RootTraits traits, double computationTimeSeconds = double.NaN)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(traits);
        return new RhizoVisionRow(fileName, "", traits.Tips, traits.BranchPoints, traits.LengthMm,
            traits.LengthMm > 0 ? traits.BranchPoints / traits.LengthMm : double.NaN, traits.AreaMm2,
            traits.MeanDiameterMm, traits.MedianDiameterMm, traits.MaxDiameterMm, double.NaN, traits.VolumeMm3,
            traits.SurfaceAreaMm2, computationTimeSeconds, traits.LengthByDiameterClassMm.ToArray());
    }

    /// <summary>The table of <paramref name="rows"/>.</summary>
    /// <param name="rows">Rows with the same number of diameter ranges, at least one row.</param>
    /// <param name="physical">True when the values are in mm, false when in pixels.</param>
    /// <exception cref="ArgumentException">No rows, or rows with different numbers of diameter ranges.</exception>
    public static CsvWriter ToCsv(IReadOnlyList<RhizoVisionRow> rows, bool physical)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("a features table needs at least one row", nameof(rows));
        }
        var ranges = rows[0].LengthByDiameterRange.Count;
        var csv = new CsvWriter(Columns(ranges, physical));
        foreach (var r in rows)
        {
            if (r.LengthByDiameterRange.Count != ranges)
            {
                throw new ArgumentException($"{r.FileName} has {r.LengthByDiameterRange.Count} diameter ranges, the first row {ranges}", nameof(rows));
            }
            var values = new List<object?>
            {
                r.FileName, r.RegionOfInterest, r.RootTips, r.BranchPoints, r.TotalRootLength, r.BranchingFrequency, r.NetworkArea,
                r.AverageDiameter, r.MedianDiameter, r.MaximumDiameter, r.Perimeter, r.Volume, r.SurfaceArea, r.ComputationTimeSeconds,
            };
            values.AddRange(r.LengthByDiameterRange.Cast<object?>());
            values.AddRange(Enumerable.Repeat<object?>(double.NaN, 3 * ranges));
            csv.AddRow(values.ToArray());
        }
        return csv;
    }

    /// <summary>Writes the table to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<RhizoVisionRow> rows, bool physical) => ToCsv(rows, physical).Save(path);

    /// <summary>
    /// Reads a features table in either unit (RootSeg's, or RhizoVision Explorer's own broken-roots table).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The rows and whether the table is in physical units (mm).</returns>
    /// <exception cref="FormatException">A missing column or a bad number; the message names the file.</exception>
    public static (IReadOnlyList<RhizoVisionRow> Rows, bool Physical) Read(string path)
    {
        var table = CsvTable.Read(path);
        var physical = table.HasColumn("Total Root Length (mm)");
        if (!physical && !table.HasColumn("Total Root Length (px)"))
        {
            throw new FormatException($"{path}: not a RhizoVision Explorer features table (no 'Total Root Length (mm)' or '(px)' column)");
        }
        var (length, area, volume, inverse) = Units(physical);
        var ranges = 0;
        while (table.HasColumn($"Root Length Diameter Range {ranges + 1} {length}"))
        {
            ranges++;
        }
        double[] Numbers(string column)
        {
            try
            {
                return table.NumericColumn(column);
            }
            catch (KeyNotFoundException e)
            {
                throw new FormatException(e.Message, e);
            }
        }
        var tips = Numbers("Number of Root Tips");
        var branches = Numbers("Number of Branch Points");
        var total = Numbers($"Total Root Length {length}");
        var frequency = Numbers($"Branching frequency {inverse}");
        var network = Numbers($"Network Area {area}");
        var mean = Numbers($"Average Diameter {length}");
        var median = Numbers($"Median Diameter {length}");
        var max = Numbers($"Maximum Diameter {length}");
        var perimeter = Numbers($"Perimeter {length}");
        var vol = Numbers($"Volume {volume}");
        var surface = Numbers($"Surface Area {area}");
        var time = Numbers("Computation Time (s)");
        var byRange = Enumerable.Range(1, ranges).Select(k => Numbers($"Root Length Diameter Range {k} {length}")).ToArray();
        var names = table.Column("File Name");
        var roi = table.HasColumn("Region of Interest") ? table.Column("Region of Interest") : names.Select(_ => "").ToArray();
        var rows = new List<RhizoVisionRow>(table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            rows.Add(new RhizoVisionRow(names[i], roi[i], tips[i], branches[i], total[i], frequency[i], network[i], mean[i], median[i],
                max[i], perimeter[i], vol[i], surface[i], time[i], byRange.Select(c => c[i]).ToArray()));
        }
        return (rows, physical);
    }

    // RhizoVision Explorer's unit strings: superscript two and three for areas and volumes, superscript minus one
    // (U+207B U+00B9) for per-length quantities.
    private static (string Length, string Area, string Volume, string Inverse) Units(bool physical)
    {
        var unit = physical ? "mm" : "px";
        return ($"({unit})", $"({unit}\u00B2)", $"({unit}\u00B3)", $"({unit}\u207B\u00B9)");
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Measurement;

/// <summary>
/// Writes measurements as a tidy CSV table (one row per image, one column per quantity, units in the names) and,
/// beside it, a JSON file with the settings and a description of every column.
/// </summary>
public static class MeasurementWriter
{
    /// <summary>Identifies the settings JSON layout.</summary>
    public const string JsonSchema = "rootseg.measure/1";

    /// <summary>The settings file that goes with <paramref name="csvPath"/>: <c>NAME.csv</c> gives <c>NAME.settings.json</c>.</summary>
    public static string SettingsPath(string csvPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        return Path.ChangeExtension(csvPath, ".settings.json");
    }

    /// <summary>The columns of the table with their descriptions, in order.</summary>
    public static IReadOnlyList<(string Name, string Description)> Columns(MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var columns = new List<(string, string)>
        {
            ("image", "image name (file stem)"),
            ("skeleton_pixels", "skeleton pixels: the root length measure of Smith et al. 2020"),
            ("length_px", "length along the skeleton in pixels; orthogonal steps 1, diagonal steps sqrt 2, L-corner shortcuts not counted"),
            ("length_mm", "length along the skeleton in mm"),
            ("kimura_length_mm", "Kimura et al. 1999 formula 6 from the same orthogonal and diagonal link counts, in mm"),
            ("area_px", "root pixels in the mask"),
            ("area_mm2", "projected root area in mm²"),
            ("mean_diameter_mm", "mean of the diameters at skeleton pixels (2 x distance transform), mm"),
            ("median_diameter_mm", "median diameter at skeleton pixels, mm"),
            ("max_diameter_mm", "largest diameter at a skeleton pixel, mm"),
            ("volume_mm3", "root volume: sum over skeleton pixels of pi (d/2)² x the pixel's share of length, mm³"),
            ("surface_area_mm2", "root surface: sum over skeleton pixels of pi d x the pixel's share of length, mm²"),
            ("tips", "skeleton pixels with exactly one neighbour"),
            ("branch_points", "8-connected clusters of skeleton pixels with three or more neighbours"),
            ("branch_pixels", "skeleton pixels with three or more neighbours"),
            ("image_area_mm2", "area of the whole image, mm²"),
            ("rld_cm_per_cm3", "root length density: length / (image area x depth of field), cm per cm³"),
        };
        foreach (var name in options.Traits.DiameterClassNames())
        {
            var parts = name.Split('-');
            columns.Add(($"length_mm_diameter_{parts[0]}_to_{parts[1]}_mm",
                $"length in mm of skeleton whose diameter lies in [{parts[0]}, {parts[1]}) mm"));
        }
        foreach (var spacing in options.Grids.GridSpacingsMm)
        {
            var prefix = GridPrefix(spacing);
            var grid = spacing.ToString("G", CultureInfo.InvariantCulture);
            columns.Add(($"{prefix}_crossings", $"root crossings of the {grid} mm square grid lines"));
            columns.Add(($"{prefix}_line_length_m", $"total length of the {grid} mm grid lines inside the image, m"));
            columns.Add(($"{prefix}_root_intensity_per_m", $"crossings per metre of {grid} mm grid line (root intensity)"));
            columns.Add(($"{prefix}_tennant_length_mm", $"Tennant 1975 length estimate (11/14) x crossings x {grid} mm, mm"));
            columns.Add(($"{prefix}_newman_length_mm", $"Newman 1966 length estimate pi x crossings x image area / (2 x line length), mm"));
        }
        return columns;
    }

    /// <summary>The table for <paramref name="measurements"/>.</summary>
    /// <exception cref="ArgumentException">A measurement's grids or diameter classes do not match the settings, or a repeated image.</exception>
    public static CsvWriter ToCsv(IEnumerable<ImageMeasurement> measurements, MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var csv = new CsvWriter(Columns(options).Select(c => c.Name).ToArray());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in measurements)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(measurements));
            if (!seen.Add(m.Image))
            {
                throw new ArgumentException($"image '{m.Image}' appears twice", nameof(measurements));
            }
            var t = m.Traits;
            if (t.LengthByDiameterClassMm.Count != options.Traits.DiameterClassBoundsMm.Count + 1
                || m.Grids.Count != options.Grids.GridSpacingsMm.Count
                || m.Grids.Zip(options.Grids.GridSpacingsMm).Any(p => p.First.SpacingMm != p.Second))
            {
                throw new ArgumentException($"image '{m.Image}' was measured with other settings", nameof(measurements));
            }
            var row = new List<object?>
            {
                m.Image, t.SkeletonPixels, t.LengthPixels, t.LengthMm, t.KimuraLengthMm, t.AreaPixels, t.AreaMm2,
                t.MeanDiameterMm, t.MedianDiameterMm, t.MaxDiameterMm, t.VolumeMm3, t.SurfaceAreaMm2,
                t.Tips, t.BranchPoints, t.BranchPixels, t.ImageAreaMm2, t.RootLengthDensityCmPerCm3,
            };
            row.AddRange(t.LengthByDiameterClassMm.Cast<object?>());
            foreach (var g in m.Grids)
            {
                row.AddRange([g.Crossings, g.LineLengthM, g.RootIntensityPerM, g.TennantLengthMm, g.NewmanLengthMm]);
            }
            csv.AddRow(row.ToArray());
        }
        return csv;
    }

    /// <summary>The settings JSON: schema, calibration, trait and grid settings, and the column descriptions.</summary>
    public static string SettingsJson(MeasurementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", JsonSchema);
            json.WriteNumber("pixels_per_mm", options.Calibration.PixelsPerMm);
            json.WriteNumber("depth_of_field_mm", options.Traits.DepthOfFieldMm);
            json.WriteStartArray("diameter_class_bounds_mm");
            foreach (var b in options.Traits.DiameterClassBoundsMm)
            {
                json.WriteNumberValue(b);
            }
            json.WriteEndArray();
            json.WriteBoolean("subtract_one_pixel_from_diameter", options.Traits.SubtractOnePixelFromDiameter);
            json.WriteStartArray("grid_spacings_mm");
            foreach (var s in options.Grids.GridSpacingsMm)
            {
                json.WriteNumberValue(s);
            }
            json.WriteEndArray();
            json.WriteNumber("grid_offset_fraction", options.Grids.OffsetFraction);
            json.WriteStartObject("columns");
            foreach (var (name, description) in Columns(options))
            {
                json.WriteString(name, description);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the table to <paramref name="csvPath"/> and the settings to <see cref="SettingsPath"/>, each atomically.</summary>
    public static void Write(string csvPath, IEnumerable<ImageMeasurement> measurements, MeasurementOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        var csv = ToCsv(measurements, options);
        AtomicFile.WriteText(SettingsPath(csvPath), SettingsJson(options));
        csv.Save(csvPath);
    }

    private static string GridPrefix(double spacingMm) =>
        "grid" + spacingMm.ToString("G", CultureInfo.InvariantCulture) + "mm";
}

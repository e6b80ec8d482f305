using System.Globalization;
using System.Text;
using System.Text.Json;
using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Measurement;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// The manifest of an analysis (<see cref="AnalysisFiles.Manifest"/>): schema, settings, the fingerprint of the
/// inputs (each measured mask's size and time, each photo left out and why) and the columns of every table. A rerun
/// whose settings and inputs give the same text has nothing to do.
/// </summary>
internal static class AnalysisManifest
{
    public const string Schema = "rootseg.analyse/1";

    /// <summary>
    /// The settings part of the inputs text (see <see cref="Inputs"/>): the photo folder, the model or masks, the
    /// scale, the depth of field and the depth settings. Every shard of one run has the same.
    /// </summary>
    public static string Settings(AnalysisOptions options)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"photos: {Path.GetFullPath(options.Input)}\n");
        text.Append(CultureInfo.InvariantCulture, $"model: {options.ModelIdentity}\n");
        text.Append(CultureInfo.InvariantCulture, $"masks: {(options.MasksDirectory is null ? AnalysisFiles.Masks : Path.GetFullPath(options.MasksDirectory))}\n");
        text.Append(CultureInfo.InvariantCulture, $"pixels_per_mm: {options.Calibration?.PixelsPerMm.ToString("R", CultureInfo.InvariantCulture) ?? "none"}\n");
        text.Append(CultureInfo.InvariantCulture, $"depth_of_field_mm: {options.DepthOfFieldMm.ToString("R", CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"depth: {options.Depth?.Describe() ?? "none"}\n");
        if (options.Depth?.FrameTablePath is { } table)
        {
            text.Append(CultureInfo.InvariantCulture, $"frame_table_time: {File.GetLastWriteTimeUtc(table).Ticks}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// The part of the manifest a rerun compares: the <see cref="Settings"/>, then the stamp of every mask to measure
    /// and every photo left out with its problem, in photo order.
    /// </summary>
    public static string Inputs(string settings, IEnumerable<(string Stem, MaskStamp Mask)> masks,
        IEnumerable<(string Photo, string Problem)> leftOut)
    {
        var text = new StringBuilder(settings);
        foreach (var (stem, mask) in masks)
        {
            text.Append(CultureInfo.InvariantCulture, $"mask {stem}: {mask.Size} bytes, {mask.Ticks}\n");
        }
        foreach (var (photo, problem) in leftOut)
        {
            text.Append(CultureInfo.InvariantCulture, $"left out {Path.GetFileName(photo)}: {problem}\n");
        }
        return text.ToString();
    }

    /// <summary>The model line of an inputs text (see <see cref="Inputs"/>), or null.</summary>
    public static string? Model(string inputs) =>
        inputs.Split('\n').FirstOrDefault(l => l.StartsWith("model: ", StringComparison.Ordinal))?["model: ".Length..];

    /// <summary>The whole manifest as JSON.</summary>
    public static string Json(string inputs, AnalysisOptions options, IReadOnlyList<(string Photo, string Problem)> measureFailures,
        IReadOnlyList<string> outputs)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("inputs", inputs);
            json.WriteStartArray("measure_failures");
            foreach (var (photo, problem) in measureFailures)
            {
                json.WriteStartObject();
                json.WriteString("photo", photo);
                json.WriteString("problem", problem);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("outputs");
            foreach (var output in outputs)
            {
                json.WriteStringValue(output);
            }
            json.WriteEndArray();
            json.WriteStartObject("columns");
            Columns(json, AnalysisFiles.Traits, options.Calibration is { } c
                ? MeasurementWriter.Columns(MeasurementOptions.Defaults(c))
                : PixelMeasurementWriter.Columns);
            if (options.Depth is not null)
            {
                Columns(json, AnalysisFiles.DepthProfile, DepthProfileWriter.BandColumns);
                Columns(json, AnalysisFiles.RootingDepth, DepthProfileWriter.SummaryColumns);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The inputs text and measure failures of an existing manifest, or null when there is none or it cannot be read.</summary>
    public static (string Inputs, IReadOnlyList<(string Photo, string Problem)> Failures, IReadOnlyList<string> Outputs)? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                return null;
            }
            var failures = root.GetProperty("measure_failures").EnumerateArray()
                .Select(f => (f.GetProperty("photo").GetString()!, f.GetProperty("problem").GetString()!)).ToList();
            var outputs = root.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToList();
            return (root.GetProperty("inputs").GetString()!, failures, outputs);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The measure failures and outputs recorded by the manifest at <paramref name="path"/> when it was written for
    /// <paramref name="inputs"/> and every output it names is still in <paramref name="folder"/>; else null (nothing
    /// is up to date).
    /// </summary>
    public static (IReadOnlyList<(string Photo, string Problem)> Failures, IReadOnlyList<string> Outputs)? UpToDate(string path,
        string inputs, string folder) =>
        Read(path) is { } last && last.Inputs == inputs && last.Outputs.All(o => File.Exists(Path.Combine(folder, o)))
            ? (last.Failures, last.Outputs)
            : null;

    private static void Columns(Utf8JsonWriter json, string file, IEnumerable<(string Name, string Description)> columns)
    {
        json.WriteStartObject(file);
        foreach (var (name, description) in columns)
        {
            json.WriteString(name, description);
        }
        json.WriteEndObject();
    }
}

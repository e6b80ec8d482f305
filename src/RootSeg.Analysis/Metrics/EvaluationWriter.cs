using System.Globalization;
using System.Text;
using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Metrics;

/// <summary>Writes an <see cref="EvaluationReport"/> as a per-image CSV table and as a JSON document (atomic writes).</summary>
public static class EvaluationWriter
{
    /// <summary>Identifies the JSON layout, so that readers can tell versions apart.</summary>
    public const string JsonSchema = "rootseg.evaluation/1";

    /// <summary>Column names of the per-image CSV, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "image", "tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "f1", "iou",
        "prediction_mean", "true_mean", "has_roots",
    ];

    /// <summary>The per-image table: one row per image, counts and metrics (NaN where undefined).</summary>
    public static CsvWriter ToCsv(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new CsvWriter(CsvColumns);
        foreach (var image in report.Images)
        {
            var c = image.Counts;
            csv.AddRow(image.Image, c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives,
                c.Accuracy, c.Precision, c.Recall, c.F1, c.IoU, c.PredictionMean, c.TrueMean, image.HasRoots);
        }
        return csv;
    }

    /// <summary>Writes the per-image table to <paramref name="path"/>.</summary>
    public static void WriteCsv(EvaluationReport report, string path) => ToCsv(report).Save(path);

    /// <summary>
    /// The report as JSON: <c>pooled</c> (Table 3), <c>per_image</c> (Table 4: count, excluded, mean, sd, population
    /// sd per metric), <c>root_free_images</c> and <c>images</c>. JSON has no NaN, so an undefined value is null and
    /// an <c>undefined</c> object beside it gives the reason.
    /// </summary>
    public static string ToJson(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", JsonSchema);
            json.WriteNumber("image_count", report.Images.Count);
            json.WriteNumber("images_with_roots", report.ImagesWithRoots);
            json.WritePropertyName("pooled");
            WriteCounts(json, report.Pooled);
            json.WriteStartObject("per_image");
            json.WriteString("over", "images whose truth holds root pixels");
            foreach (var metric in Enum.GetValues<Metric>())
            {
                var s = report.PerImage(metric);
                json.WriteStartObject(MetricName(metric));
                json.WriteNumber("count", s.Count);
                json.WriteNumber("excluded", s.Excluded);
                WriteNumber(json, "mean", s.Mean);
                WriteNumber(json, "sd", s.StandardDeviation);
                WriteNumber(json, "population_sd", s.PopulationStandardDeviation);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartObject("root_free_images");
            json.WriteNumber("count", report.RootFreeImages);
            json.WriteNumber("false_positives", report.FalsePositivesOnRootFreeImages);
            json.WriteNumber("labelled_pixels", report.LabelledPixelsOnRootFreeImages);
            json.WriteEndObject();
            json.WriteStartArray("images");
            foreach (var image in report.Images)
            {
                json.WriteStartObject();
                json.WriteString("image", image.Image);
                json.WriteBoolean("has_roots", image.HasRoots);
                json.WritePropertyName("metrics");
                WriteCounts(json, image.Counts);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public static void WriteJson(EvaluationReport report, string path) =>
        AtomicFile.WriteText(path, ToJson(report));

    /// <summary>
    /// The report for a terminal: the pooled table (Table 3), the per-image mean and standard deviations over images
    /// with roots (Table 4), and the false positives on root-free images.
    /// </summary>
    public static string ToText(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var p = report.Pooled;
        text.Append(CultureInfo.InvariantCulture,
            $"images: {report.Images.Count} ({report.ImagesWithRoots} with roots, {report.RootFreeImages} without)\n");
        text.Append(CultureInfo.InvariantCulture,
            $"all images pooled: TP {p.TruePositives}  FP {p.FalsePositives}  TN {p.TrueNegatives}  FN {p.FalseNegatives}\n");
        foreach (var metric in Enum.GetValues<Metric>())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {MetricName(metric),-16}{p.Value(metric),10:F4}");
            if (p.UndefinedReason(metric) is { } reason)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ({reason})");
            }
            text.Append('\n');
        }
        text.Append("per image, over images with roots:   mean       sd (n-1)   sd (n)     n\n");
        foreach (var metric in Enum.GetValues<Metric>())
        {
            var s = report.PerImage(metric);
            text.Append(CultureInfo.InvariantCulture,
                $"  {MetricName(metric),-16}{s.Mean,22:F4} {s.StandardDeviation,10:F4} {s.PopulationStandardDeviation,10:F4} {s.Count,5}\n");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"false positives on root-free images: {report.FalsePositivesOnRootFreeImages} of {report.LabelledPixelsOnRootFreeImages} labelled pixels\n");
        return text.ToString();
    }

    /// <summary>The snake_case name used for <paramref name="metric"/> in CSV and JSON output.</summary>
    public static string MetricName(Metric metric) => metric switch
    {
        Metric.Accuracy => "accuracy",
        Metric.Precision => "precision",
        Metric.Recall => "recall",
        Metric.F1 => "f1",
        Metric.IoU => "iou",
        Metric.PredictionMean => "prediction_mean",
        Metric.TrueMean => "true_mean",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    private static void WriteCounts(Utf8JsonWriter json, ConfusionCounts counts)
    {
        json.WriteStartObject();
        json.WriteNumber("tp", counts.TruePositives);
        json.WriteNumber("fp", counts.FalsePositives);
        json.WriteNumber("tn", counts.TrueNegatives);
        json.WriteNumber("fn", counts.FalseNegatives);
        var undefined = new List<(string, string)>();
        foreach (var metric in Enum.GetValues<Metric>())
        {
            WriteNumber(json, MetricName(metric), counts.Value(metric));
            if (counts.UndefinedReason(metric) is { } reason)
            {
                undefined.Add((MetricName(metric), reason));
            }
        }
        if (undefined.Count > 0)
        {
            json.WriteStartObject("undefined");
            foreach (var (name, reason) in undefined)
            {
                json.WriteString(name, reason);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

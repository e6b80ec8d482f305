using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Metrics;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// Reads an evaluation back from the files <see cref="EvaluationWriter"/> writes. Only the per-image counts are read;
/// the pooled and per-image summaries are recomputed from them, so the report cannot disagree with the counts.
/// </summary>
internal static class EvaluationLoader
{
    /// <summary>Loads a JSON or CSV evaluation, or the one inside a folder.</summary>
    /// <exception cref="FileNotFoundException">Nothing to read at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file is not an evaluation.</exception>
    public static EvaluationReport Load(string path)
    {
        var file = Directory.Exists(path) ? FindInFolder(path) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"the evaluation '{file}' does not exist", file);
        }
        return Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? FromCsv(file) : FromJson(file);
    }

    private static string FindInFolder(string folder)
    {
        var json = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .FirstOrDefault(IsEvaluationJson);
        if (json is not null)
        {
            return json;
        }
        var csv = Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal)
            .FirstOrDefault(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("image,tp,fp,tn,fn", StringComparison.Ordinal) == true);
        return csv ?? throw new FileNotFoundException(
            $"the folder '{folder}' holds no evaluation (a JSON with schema {EvaluationWriter.JsonSchema} or a per-image CSV)");
    }

    private static bool IsEvaluationJson(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && JsonValues.String(json.RootElement, "schema") == EvaluationWriter.JsonSchema;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static EvaluationReport FromJson(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            if (JsonValues.String(root, "schema") != EvaluationWriter.JsonSchema)
            {
                throw new FormatException($"{path}: not an evaluation (schema '{EvaluationWriter.JsonSchema}' expected)");
            }
            var images = root.GetProperty("images").EnumerateArray().Select(image =>
            {
                var m = image.GetProperty("metrics");
                return new ImageEvaluation(
                    image.GetProperty("image").GetString() ?? throw new FormatException("an image has no name"),
                    new ConfusionCounts(m.GetProperty("tp").GetInt64(), m.GetProperty("fp").GetInt64(),
                        m.GetProperty("tn").GetInt64(), m.GetProperty("fn").GetInt64()));
            });
            return EvaluationReport.Create(images);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"{path}: not a readable evaluation: {e.Message}", e);
        }
    }

    private static EvaluationReport FromCsv(string path)
    {
        var table = CsvTable.Read(path);
        var names = table.Column("image");
        var tp = table.NumericColumn("tp");
        var fp = table.NumericColumn("fp");
        var tn = table.NumericColumn("tn");
        var fn = table.NumericColumn("fn");
        try
        {
            return EvaluationReport.Create(Enumerable.Range(0, table.RowCount).Select(i =>
                new ImageEvaluation(names[i], new ConfusionCounts((long)tp[i], (long)fp[i], (long)tn[i], (long)fn[i]))));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }
}

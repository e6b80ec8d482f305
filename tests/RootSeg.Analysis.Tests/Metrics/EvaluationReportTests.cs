using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Metrics;

namespace RootSeg.Analysis.Tests.Metrics;

public sealed class EvaluationReportTests
{
    // Three images with roots (F1 = 0.8, 0.5, 2/3) and one without roots but with 4 false positives.
    private static readonly ImageEvaluation[] Images =
    [
        new("a", new ConfusionCounts(4, 1, 94, 1)),
        new("b", new ConfusionCounts(1, 1, 97, 1)),
        new("c", new ConfusionCounts(2, 0, 96, 2)),
        new("empty", new ConfusionCounts(0, 4, 96, 0)),
    ];

    [Fact]
    public void PooledTableSumsAllImages()
    {
        var report = EvaluationReport.Create(Images);
        Assert.Equal(new ConfusionCounts(7, 6, 383, 4), report.Pooled);
        Assert.Equal(14.0 / 24, report.Pooled.F1, 15);
        Assert.Equal(390.0 / 400, report.Pooled.Accuracy, 15);
    }

    [Fact]
    public void PerImageSummaryIsOverImagesWithRoots()
    {
        var report = EvaluationReport.Create(Images);
        var f1 = report.PerImage(Metric.F1);
        double[] values = [0.8, 0.5, 2.0 / 3];
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(3, f1.Count);
        Assert.Equal(0, f1.Excluded);
        Assert.Equal(mean, f1.Mean, 14);
        Assert.Equal(Math.Sqrt(squares / 2), f1.StandardDeviation, 14);
        Assert.Equal(Math.Sqrt(squares / 3), f1.PopulationStandardDeviation, 14);
        // Hand-computed: mean 0.65556, sample sd 0.150308, population sd 0.122727.
        Assert.Equal(0.655556, f1.Mean, 5);
        Assert.Equal(0.150308, f1.StandardDeviation, 5);
        Assert.Equal(0.122727, f1.PopulationStandardDeviation, 5);
        Assert.Equal(3, report.ImagesWithRoots);
        Assert.Equal(1, report.RootFreeImages);
    }

    [Fact]
    public void FalsePositivesOnRootFreeImagesAreReported()
    {
        var report = EvaluationReport.Create(Images);
        Assert.Equal(4, report.FalsePositivesOnRootFreeImages);
        Assert.Equal(100, report.LabelledPixelsOnRootFreeImages);
    }

    [Fact]
    public void UndefinedPerImageValuesAreExcludedAndCounted()
    {
        var report = EvaluationReport.Create(
        [
            new("found", new ConfusionCounts(3, 1, 10, 0)),
            new("missed", new ConfusionCounts(0, 0, 10, 5)),
        ]);
        var precision = report.PerImage(Metric.Precision);
        Assert.Equal(1, precision.Count);
        Assert.Equal(1, precision.Excluded);
        Assert.Equal(0.75, precision.Mean);
        Assert.True(double.IsNaN(precision.StandardDeviation));
        Assert.Equal(0.0, precision.PopulationStandardDeviation);
        Assert.Equal(2, report.PerImage(Metric.Recall).Count);
        Assert.Equal(0.5, report.PerImage(Metric.Recall).Mean);
    }

    [Fact]
    public void EmptyOrRepeatedImageSetsAreRejected()
    {
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => EvaluationReport.Create([])).ParamName);
        var e = Assert.Throws<ArgumentException>(() => EvaluationReport.Create([Images[0], Images[0]]));
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void CsvHasOneRowPerImageWithNaNWhereUndefined()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("eval.csv");
        EvaluationWriter.WriteCsv(EvaluationReport.Create(Images), path);
        var table = CsvTable.Read(path);
        Assert.Equal(EvaluationWriter.CsvColumns, table.Columns);
        Assert.Equal(["a", "b", "c", "empty"], table.Column("image"));
        Assert.Equal(0.8, table.NumericColumn("f1")[0], 15);
        // The root-free image has F1 0 (false positives, no true root) and no recall at all.
        Assert.Equal(0.0, table.NumericColumn("f1")[3]);
        Assert.True(double.IsNaN(table.NumericColumn("recall")[3]));
        Assert.Equal("4", table.Field(3, "fp"));
        Assert.Equal("false", table.Field(3, "has_roots"));
    }

    [Fact]
    public void JsonHoldsBothTablesAndReasonsForNulls()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("eval.json");
        EvaluationWriter.WriteJson(EvaluationReport.Create(Images), path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal(EvaluationWriter.JsonSchema, root.GetProperty("schema").GetString());
        Assert.Equal(7, root.GetProperty("pooled").GetProperty("tp").GetInt64());
        Assert.Equal(14.0 / 24, root.GetProperty("pooled").GetProperty("f1").GetDouble(), 15);
        var f1 = root.GetProperty("per_image").GetProperty("f1");
        Assert.Equal(3, f1.GetProperty("count").GetInt32());
        Assert.Equal(0.150308, f1.GetProperty("sd").GetDouble(), 5);
        Assert.Equal(4, root.GetProperty("root_free_images").GetProperty("false_positives").GetInt64());
        var empty = root.GetProperty("images")[3].GetProperty("metrics");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("recall").ValueKind);
        Assert.Contains("TP + FN = 0", empty.GetProperty("undefined").GetProperty("recall").GetString());
    }

    [Fact]
    public void TextShowsBothTablesAndRootFreeFalsePositives()
    {
        var text = EvaluationWriter.ToText(EvaluationReport.Create(Images));
        Assert.Contains("TP 7  FP 6  TN 383  FN 4", text);
        Assert.Contains("0.5833", text);
        Assert.Contains("0.6556", text);
        Assert.Contains("0.1503", text);
        Assert.Contains("false positives on root-free images: 4 of 100", text);
    }

    [Fact]
    public void GreyMasksBecomeTruthLabels()
    {
        using var grey = new RootSeg.Imaging.Rasters.Raster<byte>(4, 1);
        byte[] values = [0, 127, 128, 255];
        values.CopyTo(grey.Row(0));
        using var labels = TruthLabel.FromGreyMask(grey);
        Assert.Equal([0, 0, 1, 1], labels.Row(0).ToArray());
        Assert.Equal([0, 127, 128, 255], grey.Row(0).ToArray());
    }
}

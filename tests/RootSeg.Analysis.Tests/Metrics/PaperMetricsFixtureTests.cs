using System.Text.Json;
using RootSeg.Analysis.Metrics;

namespace RootSeg.Analysis.Tests.Metrics;

/// <summary>
/// Counts and metrics on random masks with unlabelled pixels against the formulas of the paper's own code
/// (src/metrics.py, get_metrics), computed with numpy by scripts/fixtures/analysis.py (Fixtures/metrics.json);
/// NaN only where a denominator is zero (the paper's code also uses NaN whenever TP = 0).
/// </summary>
public sealed class PaperMetricsFixtureTests
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "metrics.json"))).RootElement;

    private static ImageEvaluation[] Evaluate() => Fixture.GetProperty("images").EnumerateArray().Select(image =>
    {
        using var prediction = TestRasters.FromText(Rows(image, "prediction"));
        using var truth = TestRasters.FromText(Rows(image, "truth"));
        return new ImageEvaluation(image.GetProperty("name").GetString()!, ConfusionCounts.Count(prediction, truth));
    }).ToArray();

    [Fact]
    public void PerImageCountsAndMetricsMatch()
    {
        var evaluations = Evaluate();
        var expected = Fixture.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("metrics")).ToArray();
        Assert.Equal(expected.Length, evaluations.Length);
        for (var i = 0; i < evaluations.Length; i++)
        {
            AssertCounts(expected[i], evaluations[i].Counts);
        }
    }

    [Fact]
    public void PooledAndPerImageSummariesMatch()
    {
        var report = EvaluationReport.Create(Evaluate());
        AssertCounts(Fixture.GetProperty("pooled"), report.Pooled);
        var perImage = Fixture.GetProperty("per_image");
        foreach (var metric in Enum.GetValues<Metric>())
        {
            var expected = perImage.GetProperty(EvaluationWriter.MetricName(metric));
            var actual = report.PerImage(metric);
            Assert.Equal(expected.GetProperty("count").GetInt32(), actual.Count);
            Assert.Equal(expected.GetProperty("mean").GetDouble(), actual.Mean, 1e-12);
            Assert.Equal(expected.GetProperty("sd").GetDouble(), actual.StandardDeviation, 1e-12);
            Assert.Equal(expected.GetProperty("population_sd").GetDouble(), actual.PopulationStandardDeviation, 1e-12);
        }
    }

    private static void AssertCounts(JsonElement expected, ConfusionCounts actual)
    {
        Assert.Equal(expected.GetProperty("tp").GetInt64(), actual.TruePositives);
        Assert.Equal(expected.GetProperty("fp").GetInt64(), actual.FalsePositives);
        Assert.Equal(expected.GetProperty("tn").GetInt64(), actual.TrueNegatives);
        Assert.Equal(expected.GetProperty("fn").GetInt64(), actual.FalseNegatives);
        foreach (var metric in Enum.GetValues<Metric>())
        {
            var value = expected.GetProperty(EvaluationWriter.MetricName(metric));
            // The fixture writes an undefined metric as null.
            if (value.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(value.GetDouble(), actual.Value(metric), 1e-12);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, value.ValueKind);
                Assert.True(double.IsNaN(actual.Value(metric)));
                Assert.NotNull(actual.UndefinedReason(metric));
            }
        }
    }

    private static string[] Rows(JsonElement image, string name) =>
        image.GetProperty(name).EnumerateArray().Select(r => r.GetString()!).ToArray();
}

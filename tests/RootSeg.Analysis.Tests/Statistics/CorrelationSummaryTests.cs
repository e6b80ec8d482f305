using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Statistics;

public sealed class CorrelationSummaryTests
{
    private static PairedSamples Pairs(string x, string y) =>
        PairedSamples.Join(CsvTable.Parse(x, "x.csv"), "v", CsvTable.Parse(y, "y.csv"), "v");

    [Fact]
    public void SummaryAgreesWithTheIndividualStatistics()
    {
        var c = ScipyFixture.Case("root_length_vs_intensity_40");
        var xs = ScipyFixture.Values(c, "x");
        var ys = ScipyFixture.Values(c, "y");
        var xCsv = new CsvWriter(["image", "v"]);
        var yCsv = new CsvWriter(["image", "v"]);
        for (var i = 0; i < xs.Length; i++)
        {
            xCsv.AddRow($"img{i:00}", xs[i]);
            yCsv.AddRow($"img{i:00}", ys[i]);
        }
        var summary = CorrelationSummary.Compute(Pairs(xCsv.ToString(), yCsv.ToString()));
        Assert.Equal(ScipyFixture.Number(c, "spearman", "rho"), summary.Spearman.Coefficient, 1e-12);
        Assert.Equal(ScipyFixture.Number(c, "linregress", "slope"), summary.Regression!.Value.Slope, 1e-12);

        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.Equal(40, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(summary.Regression.Value.RSquared, json.RootElement.GetProperty("regression").GetProperty("r_squared").GetDouble(), 15);
        Assert.Equal(summary.Spearman.PValue, json.RootElement.GetProperty("spearman").GetProperty("p").GetDouble(), 15);
        var text = summary.ToText();
        Assert.Contains("n: 40", text);
        Assert.Contains("Spearman rho: ", text);
        Assert.Contains("r²: ", text);
    }

    [Fact]
    public void EqualXGivesNoRegressionButStillASummary()
    {
        var summary = CorrelationSummary.Compute(Pairs("image,v\na,1\nb,1\nc,1\n", "image,v\na,1\nb,2\nc,3\n"));
        Assert.Null(summary.Regression);
        Assert.True(double.IsNaN(summary.Spearman.Coefficient));
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("regression").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("spearman").GetProperty("rho").ValueKind);
    }

    [Fact]
    public void TooFewSharedImagesIsAnErrorNamingBothColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => CorrelationSummary.Compute(Pairs("image,v\na,1\n", "image,v\na,2\nb,3\n")));
        Assert.Contains("x.csv:v", e.Message);
        Assert.Contains("y.csv:v", e.Message);
    }
}

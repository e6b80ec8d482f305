using System.Text.Json;
using System.Xml.Linq;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Statistics;

public sealed class BlandAltmanTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void HandComputedBiasAndLimits()
    {
        // d = y - x = [1, 0, 2, -1]: bias 0.5; squared deviations 0.25 + 0.25 + 2.25 + 2.25 = 5, sd = sqrt(5 / 3).
        var result = BlandAltman.Compute([1, 2, 3, 4], [2, 2, 5, 3]);

        var sd = Math.Sqrt(5.0 / 3);
        Assert.Equal(0.5, result.Bias, Tolerance);
        Assert.Equal(sd, result.StandardDeviation, Tolerance);
        Assert.Equal(0.5 - 1.96 * sd, result.LowerLimit, Tolerance);
        Assert.Equal(0.5 + 1.96 * sd, result.UpperLimit, Tolerance);
        Assert.Equal(4, result.N);
    }

    [Fact]
    public void IdenticalMethodsAgreeExactlyAndOnePairHasNoLimits()
    {
        var same = BlandAltman.Compute([3, 1, 4], [3, 1, 4]);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (same.Bias, same.StandardDeviation, same.LowerLimit, same.UpperLimit));
        var one = BlandAltman.Compute([1], [3]);
        Assert.Equal(2, one.Bias);
        Assert.True(double.IsNaN(one.UpperLimit));
        Assert.Throws<ArgumentException>(() => BlandAltman.Compute([1, double.NaN], [1, 2]));
    }

    [Theory]
    [InlineData("m.csv:length_mm", "truth.csv:true_length_mm", true)]
    [InlineData("length_mm", "grid10mm_crossings", false)]
    [InlineData("length", "length", false)]
    public void SameUnitReadsTheColumnSuffix(string x, string y, bool expected) =>
        Assert.Equal(expected, BlandAltman.SameUnit(x, y));

    [Fact]
    public void SummaryJsonAndScatterCarryTheAgreement()
    {
        var pairs = PairedSamples.Join(CsvTable.Parse("image,v\na,1\nb,2\nc,3\nd,4\n", "x.csv"), "v",
            CsvTable.Parse("image,v\na,2\nb,2\nc,5\nd,3\n", "y.csv"), "v");
        var summary = CorrelationSummary.Compute(pairs);

        using var json = JsonDocument.Parse(summary.ToJson());
        var agreement = json.RootElement.GetProperty("bland_altman");
        Assert.Equal(0.5, agreement.GetProperty("bias").GetDouble(), Tolerance);
        Assert.Equal(0.5 + 1.96 * Math.Sqrt(5.0 / 3), agreement.GetProperty("upper_limit").GetDouble(), Tolerance);
        Assert.Contains("Bland-Altman (y - x): bias 0.5", summary.ToText());

        XNamespace svg = "http://www.w3.org/2000/svg";
        int FitLines(bool on) => XDocument.Parse(Charts.CorrelationScatter(pairs, "t", agreement: on).ToSvg())
            .Descendants(svg + "line").Count(l => (string?)l.Attribute("class") == "fit");
        Assert.Equal(1, FitLines(false));
        Assert.Equal(2, FitLines(true));
        var plot = XDocument.Parse(Charts.BlandAltmanPlot(pairs).ToSvg());
        Assert.Equal(4, plot.Descendants(svg + "circle").Count(c => (string?)c.Attribute("class") == "point"));
        Assert.Equal(3, plot.Descendants(svg + "line").Count(l => (string?)l.Attribute("class") == "fit"));
    }
}

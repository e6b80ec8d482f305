using System.Xml.Linq;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Plots;

public sealed class SvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement[] WithClass(XDocument document, string name, string cssClass) =>
        document.Descendants(Svg + name).Where(e => (string?)e.Attribute("class") == cssClass).ToArray();

    [Fact]
    public void ScatterWithRegressionLineParsesAndHasOneCirclePerPoint()
    {
        var pairs = PairedSamples.Join(
            CsvTable.Parse("image,len\na,1\nb,2\nc,3\nd,5\ne,8\n", "x.csv"), "len",
            CsvTable.Parse("image,ri\na,2\nb,4.5\nc,5\nd,11\ne,15\n", "y.csv"), "ri");
        var svg = Charts.CorrelationScatter(pairs, "Length & intensity <test>").ToSvg();
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(5, WithClass(document, "circle", "point").Length);
        Assert.Single(WithClass(document, "line", "fit"));
        Assert.Equal("Length & intensity <test>", WithClass(document, "text", "title").Single().Value);
        Assert.Equal(["x.csv:len", "y.csv:ri"], WithClass(document, "text", "axis-label").Select(e => e.Value));
        var notes = WithClass(document, "text", "note").Select(e => e.Value).ToArray();
        Assert.Equal("n = 5", notes[0]);
        Assert.Contains(notes, n => n.StartsWith("Spearman rho = 1 ", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("r² = ", StringComparison.Ordinal));
    }

    [Fact]
    public void RegressionLineRunsThroughTheFittedValues()
    {
        var plot = new SvgPlot("t", "x", "y").AddPoints("p", [0, 10], [0, 20]).AddStraightLine("fit", 2, 0);
        var document = XDocument.Parse(plot.ToSvg());
        var points = WithClass(document, "circle", "point");
        var line = WithClass(document, "line", "fit").Single();
        // The line y = 2x joins the two points exactly, so its ends sit on the circles' centres.
        Assert.Equal((string?)points[0].Attribute("cx"), (string?)line.Attribute("x1"));
        Assert.Equal((string?)points[0].Attribute("cy"), (string?)line.Attribute("y1"));
        Assert.Equal((string?)points[1].Attribute("cx"), (string?)line.Attribute("x2"));
        Assert.Equal((string?)points[1].Attribute("cy"), (string?)line.Attribute("y2"));
    }

    [Fact]
    public void TrainingCurvesHaveTwoPolylinesWithOneVertexPerFiniteEpoch()
    {
        double[] train = [0.2, 0.5, 0.6, 0.7, 0.75];
        double[] validation = [0.1, 0.4, double.NaN, 0.65, 0.7];
        var document = XDocument.Parse(Charts.TrainingCurves(train, validation).ToSvg());
        var lines = WithClass(document, "polyline", "series");
        Assert.Equal(2, lines.Length);
        Assert.Equal(5, ((string)lines[0].Attribute("points")!).Split(' ').Length);
        Assert.Equal(4, ((string)lines[1].Attribute("points")!).Split(' ').Length);
        Assert.Equal(2, WithClass(document, "g", "legend").Length);
        Assert.Empty(WithClass(document, "circle", "point"));
    }

    [Fact]
    public void TicksFallOnRoundNumbers()
    {
        var document = XDocument.Parse(new SvgPlot("t", "x", "y").AddPoints("p", [0.3, 9.6], [-0.04, 0.97]).ToSvg());
        var labels = WithClass(document, "text", "tick-label").Select(e => e.Value).ToArray();
        Assert.Equal(["0", "2", "4", "6", "8", "10", "-0.25", "0.00", "0.25", "0.50", "0.75", "1.00"], labels);
        Assert.Equal(labels.Length, WithClass(document, "line", "tick").Length);
    }

    [Fact]
    public void EmptyAndSingleValuePlotsStillRender()
    {
        var empty = XDocument.Parse(new SvgPlot("t", "x", "y").ToSvg());
        Assert.NotEmpty(WithClass(empty, "text", "tick-label"));
        var single = XDocument.Parse(new SvgPlot("t", "x", "y").AddPoints("p", [5], [5]).ToSvg());
        Assert.Single(WithClass(single, "circle", "point"));
    }

    [Fact]
    public void SaveWritesAParsableFile()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("plot.svg");
        new SvgPlot("t", "x", "y").AddLine("l", [1, 2, 3], [3, 1, 2]).Save(path);
        Assert.Single(WithClass(XDocument.Load(path), "polyline", "series"));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void MismatchedSeriesAreRejected()
    {
        var plot = new SvgPlot("t", "x", "y");
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => plot.AddPoints("p", [1, 2], [1])).ParamName);
        Assert.Throws<ArgumentException>(() => plot.AddStraightLine("l", double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvgPlot("t", "x", "y", width: 10));
    }

    [Fact]
    public void PointsAndLinesStayInsideThePlotFrame()
    {
        var plot = new SvgPlot("t", "x", "y", 500, 400)
            .AddPoints("p", [-3, 0.5, 17, 4], [1e3, -2e3, 5e2, 0])
            .AddStraightLine("fit", -40, 100);
        var document = XDocument.Parse(plot.ToSvg());
        var frame = document.Root!.Elements(Svg + "rect").Single(r => (string?)r.Attribute("fill") == "none");
        double F(XElement e, string a) => double.Parse((string)e.Attribute(a)!, System.Globalization.CultureInfo.InvariantCulture);
        double left = F(frame, "x"), top = F(frame, "y"), right = left + F(frame, "width"), bottom = top + F(frame, "height");
        foreach (var c in WithClass(document, "circle", "point"))
        {
            Assert.InRange(F(c, "cx"), left, right);
            Assert.InRange(F(c, "cy"), top, bottom);
        }
        var line = WithClass(document, "line", "fit").Single();
        Assert.InRange(F(line, "y1"), top, bottom);
        Assert.InRange(F(line, "y2"), top, bottom);
    }
}

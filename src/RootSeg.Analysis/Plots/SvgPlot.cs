using System.Globalization;
using System.Xml.Linq;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Plots;

/// <summary>
/// A small two-dimensional chart drawn as SVG (W3C Scalable Vector Graphics 1.1): scatter series, line series and
/// straight lines, with axes, round-number ticks, axis labels, a title, a legend and text notes. The SVG stands
/// alone as a file or can be embedded in an HTML report (<see cref="ToElement"/>).
/// </summary>
/// <remarks>
/// Elements carry classes for tests and styling: <c>point</c> (one circle per drawn point), <c>series</c> (one
/// polyline per line series), <c>fit</c> (one line per straight line), <c>tick</c>, <c>tick-label</c>,
/// <c>axis-label</c>, <c>title</c>, <c>note</c>, <c>legend</c>. Points with a NaN or infinite coordinate are not drawn.
/// </remarks>
public sealed class SvgPlot
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    private const double MarginLeft = 70, MarginRight = 20, MarginTop = 40, MarginBottom = 55;

    private readonly List<Series> _series = [];
    private readonly List<string> _notes = [];

    /// <summary>Starts an empty chart.</summary>
    /// <param name="title">Title above the chart.</param>
    /// <param name="xLabel">Label of the horizontal axis (with units).</param>
    /// <param name="yLabel">Label of the vertical axis (with units).</param>
    /// <param name="width">Width in pixels, 200 to 4000.</param>
    /// <param name="height">Height in pixels, 150 to 4000.</param>
    public SvgPlot(string title, string xLabel, string yLabel, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4000);
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
        Width = width;
        Height = height;
    }

    /// <summary>Title above the chart.</summary>
    public string Title { get; }

    /// <summary>Horizontal axis label.</summary>
    public string XLabel { get; }

    /// <summary>Vertical axis label.</summary>
    public string YLabel { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Adds a scatter series: one circle per point.</summary>
    /// <param name="label">Legend text.</param>
    /// <param name="x">Horizontal coordinates.</param>
    /// <param name="y">Vertical coordinates, as many as <paramref name="x"/>.</param>
    public SvgPlot AddPoints(string label, IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Add(new Series(label, SeriesKind.Points, Pair(x, y)));

    /// <summary>Adds a line series joining its points in order (NaN points are skipped).</summary>
    public SvgPlot AddLine(string label, IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Add(new Series(label, SeriesKind.Line, Pair(x, y)));

    /// <summary>Adds the straight line y = intercept + slope x across the horizontal range of the other series.</summary>
    public SvgPlot AddStraightLine(string label, double slope, double intercept)
    {
        if (!double.IsFinite(slope) || !double.IsFinite(intercept))
        {
            throw new ArgumentException($"a straight line needs a finite slope and intercept, not {slope} and {intercept}", nameof(slope));
        }
        return Add(new Series(label, SeriesKind.Straight, [], slope, intercept));
    }

    /// <summary>Adds a line of text in the top-left corner of the plotting area (e.g. statistics).</summary>
    public SvgPlot AddNote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _notes.Add(text);
        return this;
    }

    /// <summary>The chart as an <c>svg</c> element.</summary>
    public XElement ToElement()
    {
        var finite = _series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        var xScale = AxisScale.Covering(Min(finite.Select(p => p.X)), Max(finite.Select(p => p.X)));
        var straightYs = _series.Where(s => s.Kind == SeriesKind.Straight)
            .SelectMany(s => new[] { s.Intercept + s.Slope * xScale.Minimum, s.Intercept + s.Slope * xScale.Maximum });
        var ys = finite.Select(p => p.Y).Concat(straightYs).ToArray();
        var yScale = AxisScale.Covering(Min(ys), Max(ys));
        double left = MarginLeft, right = Width - MarginRight, top = MarginTop, bottom = Height - MarginBottom;
        double Px(double x) => xScale.Map(x, left, right);
        double Py(double y) => yScale.Map(y, bottom, top);

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height),
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "title", Title),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "white")),
            Text(Width / 2.0, MarginTop / 2 + 5, Title, "title", "middle", 15),
            Text((left + right) / 2, Height - 12, XLabel, "axis-label", "middle"),
            Rotated(Text(0, 0, YLabel, "axis-label", "middle"), 16, (top + bottom) / 2),
            new XElement(Svg + "rect", Attr("x", left), Attr("y", top), Attr("width", right - left), Attr("height", bottom - top),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#444")));

        foreach (var t in xScale.Ticks())
        {
            svg.Add(Line(Px(t), bottom, Px(t), bottom + 5, "tick", "#444"));
            svg.Add(Text(Px(t), bottom + 18, xScale.Label(t), "tick-label", "middle"));
        }
        foreach (var t in yScale.Ticks())
        {
            svg.Add(Line(left - 5, Py(t), left, Py(t), "tick", "#444"));
            svg.Add(Text(left - 8, Py(t) + 4, yScale.Label(t), "tick-label", "end"));
        }

        var data = new XElement(Svg + "g", new XAttribute("class", "data"));
        var legends = new List<XElement>();
        for (var i = 0; i < _series.Count; i++)
        {
            var s = _series[i];
            var colour = Palette[i % Palette.Length];
            var drawable = s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
            switch (s.Kind)
            {
                case SeriesKind.Points:
                    foreach (var p in drawable)
                    {
                        data.Add(new XElement(Svg + "circle", new XAttribute("class", "point"), Attr("cx", Px(p.X)), Attr("cy", Py(p.Y)),
                            new XAttribute("r", 3.5), new XAttribute("fill", colour), new XAttribute("fill-opacity", 0.75)));
                    }
                    break;
                case SeriesKind.Line:
                    data.Add(new XElement(Svg + "polyline", new XAttribute("class", "series"), new XAttribute("fill", "none"),
                        new XAttribute("stroke", colour), new XAttribute("stroke-width", 2),
                        new XAttribute("points", string.Join(" ", drawable.Select(p => FormattableString.Invariant($"{Px(p.X):0.##},{Py(p.Y):0.##}"))))));
                    break;
                default:
                    data.Add(Line(Px(xScale.Minimum), Py(s.Intercept + s.Slope * xScale.Minimum),
                        Px(xScale.Maximum), Py(s.Intercept + s.Slope * xScale.Maximum), "fit", colour, 2));
                    break;
            }
            legends.Add(Legend(i, s, colour, right));
        }
        // The legend is drawn after the data so that points never hide it.
        svg.Add(data);
        svg.Add(legends);
        for (var i = 0; i < _notes.Count; i++)
        {
            svg.Add(Text(left + 8, top + 16 + 15 * i, _notes[i], "note", "start"));
        }
        return svg;
    }

    /// <summary>The chart as SVG text, with an XML declaration.</summary>
    public string ToSvg() => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + ToElement() + "\n";

    /// <summary>Writes the SVG to <paramref name="path"/> through a temporary file.</summary>
    public void Save(string path) => AtomicFile.WriteText(path, ToSvg());

    private SvgPlot Add(Series series)
    {
        ArgumentNullException.ThrowIfNull(series.Label, "label");
        _series.Add(series);
        return this;
    }

    private static (double X, double Y)[] Pair(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"y has {y.Count} values but x has {x.Count}", nameof(y));
        }
        return x.Zip(y).Select(p => (p.First, p.Second)).ToArray();
    }

    private XElement Legend(int index, Series series, string colour, double right)
    {
        var y = MarginTop + 14 + 16 * index;
        var x = right - 150;
        var mark = series.Kind == SeriesKind.Points
            ? new XElement(Svg + "circle", Attr("cx", x + 10), Attr("cy", y - 4), new XAttribute("r", 3.5), new XAttribute("fill", colour))
            : Line(x, y - 4, x + 20, y - 4, "legend-mark", colour, 2);
        return new XElement(Svg + "g", new XAttribute("class", "legend"), mark, Text(x + 26, y, series.Label, "legend-label", "start"));
    }

    private static XElement Text(double x, double y, string text, string cssClass, string anchor, int size = 12) =>
        new(Svg + "text", new XAttribute("class", cssClass), Attr("x", x), Attr("y", y),
            new XAttribute("text-anchor", anchor), new XAttribute("font-size", size), text);

    private static XElement Rotated(XElement text, double x, double y)
    {
        text.Add(new XAttribute("transform", FormattableString.Invariant($"translate({x:0.##},{y:0.##}) rotate(-90)")));
        return text;
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string cssClass, string colour, double width = 1) =>
        new(Svg + "line", new XAttribute("class", cssClass), Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2),
            new XAttribute("stroke", colour), new XAttribute("stroke-width", width));

    private static XAttribute Attr(string name, double value) => new(name, value.ToString("0.##", CultureInfo.InvariantCulture));

    private static double Min(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Min();

    private static double Max(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Max();

    private enum SeriesKind
    {
        Points,
        Line,
        Straight,
    }

    private sealed record Series(string Label, SeriesKind Kind, (double X, double Y)[] Points, double Slope = 0, double Intercept = 0);
}

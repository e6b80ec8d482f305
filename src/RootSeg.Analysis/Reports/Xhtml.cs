using System.Globalization;
using System.Xml.Linq;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// Builders for XHTML elements. The report is built as an XML tree, so every text and attribute is escaped by the
/// XML writer and the page is always well-formed; <see cref="Serialize"/> then writes it in a form that HTML parsers
/// read the same way.
/// </summary>
internal static class Xhtml
{
    /// <summary>The XHTML namespace.</summary>
    public static readonly XNamespace Ns = "http://www.w3.org/1999/xhtml";

    // HTML parsers ignore the "/>" of a non-void element, so an empty <div/> would swallow what follows it.
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>An element with attributes (<see cref="XAttribute"/>) and content (elements, strings, sequences).</summary>
    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>A paragraph.</summary>
    public static XElement P(params object?[] content) => E("p", content);

    /// <summary>An element with a class attribute.</summary>
    public static XElement Classed(string name, string cssClass, params object?[] content) =>
        new(Ns + name, new XAttribute("class", cssClass), content);

    /// <summary>A note that a part of the report could not be drawn, and why.</summary>
    public static XElement Missing(string text) => Classed("p", "missing", "Not available: " + text);

    /// <summary>A table with a header row; each cell is a string or an element.</summary>
    public static XElement Table(string cssClass, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows) =>
        Classed("table", cssClass,
            E("thead", E("tr", header.Select(h => E("th", h)))),
            E("tbody", rows.Select(r => E("tr", r.Select(c => E("td", c))))));

    /// <summary>A number for a table: 4 decimals, or "n/a" where it is undefined.</summary>
    public static string Number(double value, string format = "F4") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>An integer count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The page as text: an HTML5 doctype, then the tree with every empty non-void XHTML element written with an
    /// explicit end tag.
    /// </summary>
    public static string Serialize(XElement root)
    {
        var copy = new XElement(root);
        foreach (var element in copy.DescendantsAndSelf().Where(e => e.Name.Namespace == Ns && e.IsEmpty))
        {
            if (!VoidElements.Contains(element.Name.LocalName))
            {
                element.Value = string.Empty;
            }
        }
        return "<!DOCTYPE html>\n" + copy.ToString(SaveOptions.None) + "\n";
    }
}

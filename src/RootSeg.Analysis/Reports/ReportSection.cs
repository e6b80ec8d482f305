using System.Xml.Linq;

namespace RootSeg.Analysis.Reports;

/// <summary>Builds one section of the report: a heading, a plain-language guide to reading it, and its content.</summary>
internal static class ReportSection
{
    /// <summary>A <c>section</c> element with an id (for links and tests), a heading and a guide paragraph.</summary>
    public static XElement Create(string id, string heading, string guide, params object?[] content) =>
        Xhtml.E("section", new XAttribute("id", id),
            Xhtml.E("h2", heading),
            Xhtml.Classed("p", "guide", guide),
            content);
}

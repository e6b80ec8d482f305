using System.Xml.Linq;

namespace RootSeg.Analysis.Reports;

/// <summary>Collects the parts of a report that could not be drawn, so the page can list them in one place.</summary>
internal sealed class MissingParts
{
    private readonly List<string> _notes = [];

    /// <summary>The notes, in the order the sections were built.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Records that <paramref name="part"/> is missing and returns the note to show in its section.</summary>
    public XElement Note(string part, string reason)
    {
        _notes.Add($"{part}: {reason}");
        return Html.Missing(reason);
    }
}

/// <summary>Builds one section of the report: a heading, a plain-language guide to reading it, and its content.</summary>
internal static class ReportSection
{
    /// <summary>A <c>section</c> element with an id (for links and tests), a heading and a guide paragraph.</summary>
    public static XElement Create(string id, string heading, string guide, params object?[] content) =>
        Html.E("section", new XAttribute("id", id),
            Html.E("h2", heading),
            Html.Classed("p", "guide", guide),
            content);
}

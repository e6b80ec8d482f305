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
        return Xhtml.Missing(reason);
    }
}

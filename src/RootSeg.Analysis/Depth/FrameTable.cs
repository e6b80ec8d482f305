using System.Globalization;
using RootSeg.Analysis.Csv;

namespace RootSeg.Analysis.Depth;

/// <summary>
/// A minirhizotron metadata table: one row per frame, giving its tube and its depth or window location.
/// </summary>
/// <remarks>
/// Columns (a header row names them; order free; other columns are ignored):
/// <list type="table">
/// <item><term>image</term><description>required: the frame's file name or file stem (matched by stem).</description></item>
/// <item><term>tube</term><description>required: the tube (or panel) name.</description></item>
/// <item><term>depth_mm</term><description>depth of the frame below the soil surface, mm; when empty or absent the
/// depth comes from <c>location</c> and the <see cref="TubeGeometry"/>.</description></item>
/// <item><term>location</term><description>window index along the tube (integer, at least 0).</description></item>
/// <item><term>date</term><description>optional: date as text; profiles are made per tube, date and session.</description></item>
/// <item><term>session</term><description>optional: session as text.</description></item>
/// </list>
/// Each row needs <c>depth_mm</c> or <c>location</c>.
/// </remarks>
public static class FrameTable
{
    /// <summary>Reads the table at <paramref name="path"/>, keyed by file stem.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">A missing column, a bad number, a row without depth or location, or a
    /// repeated image; the message names the file and row.</exception>
    public static IReadOnlyDictionary<string, FrameInfo> Read(string path)
    {
        var table = CsvTable.Read(path);
        foreach (var column in new[] { "image", "tube" })
        {
            if (!table.HasColumn(column))
            {
                throw new FormatException($"{path}: no column '{column}' (columns: image, tube, depth_mm or location, date, session)");
            }
        }
        if (!table.HasColumn("depth_mm") && !table.HasColumn("location"))
        {
            throw new FormatException($"{path}: a column 'depth_mm' or 'location' is needed");
        }
        string Text(int row, string column) => table.HasColumn(column) ? table.Field(row, column).Trim() : "";
        var frames = new Dictionary<string, FrameInfo>(StringComparer.Ordinal);
        for (var r = 0; r < table.RowCount; r++)
        {
            var where = $"{path}: data row {r + 1}";
            var stem = Path.GetFileNameWithoutExtension(Text(r, "image"));
            var tube = Text(r, "tube");
            if (stem.Length == 0 || tube.Length == 0)
            {
                throw new FormatException($"{where}: 'image' and 'tube' must not be empty");
            }
            double? depth = null;
            int? location = null;
            var depthText = Text(r, "depth_mm");
            if (depthText.Length > 0)
            {
                depth = double.TryParse(depthText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? d : throw new FormatException($"{where}: depth_mm '{depthText}' is not a number");
            }
            var locationText = Text(r, "location");
            if (locationText.Length > 0)
            {
                location = int.TryParse(locationText, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                    ? l : throw new FormatException($"{where}: location '{locationText}' is not a whole number of at least 0");
            }
            if (depth is null && location is null)
            {
                throw new FormatException($"{where}: neither depth_mm nor location is given");
            }
            if (!frames.TryAdd(stem, new FrameInfo(tube, location, depth, Text(r, "date"), "", Text(r, "session"))))
            {
                throw new FormatException($"{where}: image '{stem}' appears twice");
            }
        }
        return frames;
    }
}

using System.Globalization;
using System.Text;
using RootSeg.Imaging.Files;

namespace RootSeg.Analysis.Csv;

/// <summary>
/// Builds a tidy CSV table (one header row, one row per observation, one column per variable) in the invariant
/// culture, quoting fields as RFC 4180 describes, and saves it atomically.
/// </summary>
/// <remarks>
/// Numbers are written in round-trip form (<c>"R"</c>), so reading them back gives the same double. Undefined
/// values (NaN) are written as <c>NaN</c>, which pandas, R and spreadsheet programs read as missing or NaN.
/// Lines end with LF.
/// </remarks>
public sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a table with the given column names.</summary>
    /// <param name="columns">Column names, at least one, all distinct and non-empty.</param>
    /// <exception cref="ArgumentException">No columns, an empty name or a repeated name.</exception>
    public CsvWriter(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("a CSV table needs at least one column", nameof(columns));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (string.IsNullOrEmpty(column))
            {
                throw new ArgumentException("column names must not be empty", nameof(columns));
            }
            if (!seen.Add(column))
            {
                throw new ArgumentException($"column '{column}' appears twice", nameof(columns));
            }
        }
        Columns = columns.ToArray();
        AppendRow(Columns);
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Data rows added so far.</summary>
    public int RowCount { get; private set; }

    /// <summary>Adds one row; each value is formatted by <see cref="Format"/>.</summary>
    /// <param name="values">One value per column.</param>
    /// <exception cref="ArgumentException">The number of values differs from the number of columns.</exception>
    public void AddRow(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException(
                $"row {RowCount + 1} has {values.Length} values but the table has {Columns.Count} columns", nameof(values));
        }
        AppendRow(values.Select(Format));
        RowCount++;
    }

    /// <summary>Formats one value as CSV field text (before quoting) in the invariant culture.</summary>
    /// <param name="value">null (empty field), a string, a bool (<c>true</c>/<c>false</c>) or a number.</param>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The table as text: header line, then one line per row.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>Writes the table to <paramref name="path"/> through a temporary file.</summary>
    /// <param name="path">Destination CSV file; its folder must exist.</param>
    public void Save(string path) => AtomicFile.WriteText(path, ToString());

    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private void AppendRow(IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _text.Append(',');
            }
            first = false;
            AppendField(field);
        }
        _text.Append('\n');
    }

    private void AppendField(string field)
    {
        // Leading or trailing blanks are quoted too, because many readers trim unquoted fields.
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])));
        if (!needsQuotes)
        {
            _text.Append(field);
            return;
        }
        _text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

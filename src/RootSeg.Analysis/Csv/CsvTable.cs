using System.Globalization;
using System.Text;

namespace RootSeg.Analysis.Csv;

/// <summary>
/// A CSV table read whole into memory: a header row naming the columns, then data rows (RFC 4180 quoting; comma
/// separator; CRLF or LF line ends; a UTF-8 byte-order mark is skipped). Columns are looked up by name, and every
/// error names the file, and where it applies the row and column.
/// </summary>
public sealed class CsvTable
{
    private readonly string[][] _rows;
    private readonly Dictionary<string, int> _columnIndex;

    private CsvTable(string source, string[] columns, string[][] rows)
    {
        Source = source;
        Columns = columns;
        _rows = rows;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!_columnIndex.TryAdd(columns[i], i))
            {
                throw new FormatException($"{source}: column '{columns[i]}' appears twice in the header");
            }
        }
    }

    /// <summary>Where the table came from (a file path, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>Column names from the header row, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of data rows (the header is not counted).</summary>
    public int RowCount => _rows.Length;

    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">An existing CSV file with a header row.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is empty, a quote is unterminated, or a row has the wrong number of fields.</exception>
    public static CsvTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist", path);
        }
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses CSV text.</summary>
    /// <param name="text">The whole table, header first.</param>
    /// <param name="source">A name for the text, used in error messages.</param>
    /// <exception cref="FormatException">Empty text, an unterminated quote, or a row with the wrong number of fields.</exception>
    public static CsvTable Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var records = CsvParser.Split(text, source);
        if (records.Count == 0)
        {
            throw new FormatException($"{source}: the file is empty (a header row is needed)");
        }
        var header = records[0];
        var rows = new string[records.Count - 1][];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new FormatException(
                    $"{source}: row {i} has {records[i].Length} fields but the header has {header.Length}");
            }
            rows[i - 1] = records[i];
        }
        return new CsvTable(source, header, rows);
    }

    /// <summary>Whether a column of that name exists (names are case-sensitive).</summary>
    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>The zero-based position of column <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message names the file and lists the columns.</exception>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_columnIndex.TryGetValue(name, out var index))
        {
            return index;
        }
        throw new KeyNotFoundException(
            $"{Source}: no column '{name}' (columns are: {string.Join(", ", Columns)})");
    }

    /// <summary>The text of one field.</summary>
    /// <param name="row">Data row, 0 to <see cref="RowCount"/> - 1.</param>
    /// <param name="column">Column name.</param>
    public string Field(int row, string column)
    {
        var index = ColumnIndex(column);
        if ((uint)row >= (uint)_rows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"{Source} has {_rows.Length} data rows");
        }
        return _rows[row][index];
    }

    /// <summary>All fields of one column as text, in row order.</summary>
    public IReadOnlyList<string> Column(string name)
    {
        var index = ColumnIndex(name);
        return _rows.Select(r => r[index]).ToArray();
    }

    /// <summary>
    /// One column as numbers (invariant culture). Empty fields and <c>NaN</c>/<c>nan</c> read as NaN.
    /// </summary>
    /// <exception cref="FormatException">A field is not a number; the message names file, row and column.</exception>
    public double[] NumericColumn(string name)
    {
        var index = ColumnIndex(name);
        var values = new double[_rows.Length];
        for (var r = 0; r < _rows.Length; r++)
        {
            values[r] = ParseNumber(_rows[r][index], r, name);
        }
        return values;
    }

    private double ParseNumber(string field, int row, string column)
    {
        var trimmed = field.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        // Data row r is line r + 2 of the file when no field spans lines; the row number is the robust name.
        throw new FormatException($"{Source}: data row {row + 1}, column '{column}': '{field}' is not a number");
    }
}

using RootSeg.Analysis.Csv;

namespace RootSeg.Analysis.Statistics;

/// <summary>
/// Two measurements of the same images, joined on the image name: the input of <c>rootseg correlate</c>, which
/// relates, say, segmented root length in one CSV to manual root intensity in another.
/// </summary>
public sealed class PairedSamples
{
    private PairedSamples(string[] keys, double[] x, double[] y, string xName, string yName, IReadOnlyList<string> dropped)
    {
        Keys = keys;
        X = x;
        Y = y;
        XName = xName;
        YName = yName;
        Dropped = dropped;
    }

    /// <summary>Image names of the pairs, in ordinal order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>First measurement, parallel to <see cref="Keys"/>.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Second measurement, parallel to <see cref="Keys"/>.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Name of the first measurement ("FILE:COLUMN").</summary>
    public string XName { get; }

    /// <summary>Name of the second measurement.</summary>
    public string YName { get; }

    /// <summary>Images present in both tables but left out because a value was missing (NaN or empty).</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>
    /// Joins column <paramref name="xColumn"/> of <paramref name="xTable"/> with column <paramref name="yColumn"/> of
    /// <paramref name="yTable"/> on the key column; images found in only one table are left out.
    /// </summary>
    /// <param name="xTable">Table of the first measurement.</param>
    /// <param name="xColumn">Numeric column of <paramref name="xTable"/>.</param>
    /// <param name="yTable">Table of the second measurement.</param>
    /// <param name="yColumn">Numeric column of <paramref name="yTable"/>.</param>
    /// <param name="keyColumn">Column holding image names in both tables; with the default, a table without an
    /// "image" column is keyed by its "name" column (the truth.csv of <c>rootseg synth</c>).</param>
    /// <exception cref="KeyNotFoundException">A column is missing; the message names file and column.</exception>
    /// <exception cref="FormatException">A value is not a number, or an image name appears twice in one table.</exception>
    public static PairedSamples Join(CsvTable xTable, string xColumn, CsvTable yTable, string yColumn, string keyColumn = "image")
    {
        ArgumentNullException.ThrowIfNull(xTable);
        ArgumentNullException.ThrowIfNull(yTable);
        var xs = Index(xTable, keyColumn, xColumn);
        var ys = Index(yTable, keyColumn, yColumn);
        var keys = new List<string>();
        var x = new List<double>();
        var y = new List<double>();
        var dropped = new List<string>();
        foreach (var key in xs.Keys.Where(ys.ContainsKey).Order(StringComparer.Ordinal))
        {
            if (double.IsNaN(xs[key]) || double.IsNaN(ys[key]))
            {
                dropped.Add(key);
                continue;
            }
            keys.Add(key);
            x.Add(xs[key]);
            y.Add(ys[key]);
        }
        return new PairedSamples(keys.ToArray(), x.ToArray(), y.ToArray(),
            $"{xTable.Source}:{xColumn}", $"{yTable.Source}:{yColumn}", dropped);
    }

    private static Dictionary<string, double> Index(CsvTable table, string keyColumn, string valueColumn)
    {
        if (keyColumn == "image" && !table.HasColumn("image") && table.HasColumn("name"))
        {
            keyColumn = "name";
        }
        var keys = table.Column(keyColumn);
        var values = table.NumericColumn(valueColumn);
        var index = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!index.TryAdd(keys[i], values[i]))
            {
                throw new FormatException($"{table.Source}: '{keys[i]}' appears twice in column '{keyColumn}'");
            }
        }
        return index;
    }
}

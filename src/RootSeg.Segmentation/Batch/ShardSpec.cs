using System.Globalization;

namespace RootSeg.Segmentation.Batch;

/// <summary>
/// One share of a sorted file list, so that the array jobs of a cluster scheduler (Slurm's
/// <c>--array=1-N</c>) split a folder without talking to each other: file i (0-based, in ordinal order) belongs to
/// shard <c>(i mod Count) + 1</c>.
/// </summary>
/// <param name="Index">This shard, 1-based, in [1, <paramref name="Count"/>].</param>
/// <param name="Count">Number of shards, at least 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole list (shard 1 of 1).</summary>
    public static ShardSpec All => new(1, 1);

    /// <summary>Parses "K/N" with 1 &lt;= K &lt;= N.</summary>
    /// <param name="text">The text, e.g. "3/8".</param>
    /// <exception cref="FormatException">The text is not two integers separated by '/', or K is outside [1, N].</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"shard '{text}' is not K/N (for example 2/8)");
        }
        if (count < 1 || index < 1 || index > count)
        {
            throw new FormatException($"shard '{text}': K must be in [1, N] and N at least 1");
        }
        return new ShardSpec(index, count);
    }

    /// <summary>Whether position <paramref name="position"/> (0-based) of the sorted list belongs to this shard.</summary>
    public bool Includes(int position) => Count > 0 && position % Count == Index - 1;

    /// <summary>The entries of <paramref name="sorted"/> that belong to this shard, in order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var shard = this;
        return sorted.Where((_, i) => shard.Includes(i)).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

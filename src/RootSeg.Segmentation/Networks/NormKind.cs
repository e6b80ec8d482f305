namespace RootSeg.Segmentation.Networks;

/// <summary>The normalisation layer after each convolution of a <see cref="UNetSame"/>.</summary>
public static class NormKind
{
    /// <summary>
    /// Batch normalisation (Ioffe and Szegedy 2015, arXiv:1502.03167): statistics over the batch while training and
    /// running averages at inference, so a tile's output does not depend on the tile's own statistics.
    /// </summary>
    public const string Batch = "batch";

    /// <summary>
    /// Group normalisation (Wu and He 2018, doi:10.1007/978-3-030-01261-8_1), as in the paper's network: statistics
    /// per tile and group in training and inference alike.
    /// </summary>
    public const string Group = "group";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [Batch, Group];

    /// <summary>Whether <paramref name="name"/> is a known kind (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

namespace RootSeg.Analysis.Depth;

/// <summary>
/// Rooting depth as the depth above which a fraction of the root length lies: D50 and D95, as Schenk and Jackson
/// 2002 define them for root biomass ("The global biogeography of roots", Ecological Monographs 72:311-328,
/// doi:10.1890/0012-9615(2002)072[0311:TGBOR]2.0.CO;2), here for root length.
/// </summary>
/// <remarks>
/// Root length is taken as spread evenly within each band, so the cumulative length is piecewise linear in depth and
/// the depth where it reaches the fraction f of the total is interpolated within the band where it does:
/// <code>D = top_k + (f x total - cumulative length above band k) / length_k x (bottom_k - top_k)</code>
/// Bands with no root length add nothing; with no root length at all the depth is NaN.
/// </remarks>
public static class RootingDepth
{
    /// <summary>The depth above which <paramref name="fraction"/> of the length lies.</summary>
    /// <param name="bands">Bands as (top mm, bottom mm, length), in any order; they must not overlap; lengths finite and >= 0.</param>
    /// <param name="fraction">In (0, 1], e.g. 0.5 for D50, 0.95 for D95.</param>
    /// <returns>The depth in mm, or NaN when the total length is 0 (or there are no bands).</returns>
    /// <exception cref="ArgumentException">A fraction outside (0, 1], a band whose bottom is not below its top, a
    /// negative or non-finite length, or overlapping bands.</exception>
    public static double Compute(IEnumerable<(double TopMm, double BottomMm, double Length)> bands, double fraction)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction must lie in (0, 1]");
        }
        var sorted = bands.OrderBy(b => b.TopMm).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            var (top, bottom, length) = sorted[i];
            if (!(bottom > top) || !double.IsFinite(top) || !double.IsFinite(bottom))
            {
                throw new ArgumentException($"band {i} runs from {top} to {bottom} mm; its bottom must lie below its top", nameof(bands));
            }
            if (!double.IsFinite(length) || length < 0)
            {
                throw new ArgumentException($"band {top}-{bottom} mm has length {length}; it must be finite and >= 0", nameof(bands));
            }
            if (i > 0 && top < sorted[i - 1].BottomMm)
            {
                throw new ArgumentException($"bands {sorted[i - 1].TopMm}-{sorted[i - 1].BottomMm} and {top}-{bottom} mm overlap", nameof(bands));
            }
        }
        var total = sorted.Sum(b => b.Length);
        if (total <= 0)
        {
            return double.NaN;
        }
        var target = fraction * total;
        var above = 0.0;
        foreach (var (top, bottom, length) in sorted)
        {
            if (length > 0 && above + length >= target)
            {
                return top + Math.Clamp((target - above) / length, 0, 1) * (bottom - top);
            }
            above += length;
        }
        // Rounding can leave the target a hair above the sum: the answer is then the bottom of the deepest root band.
        return sorted.Last(b => b.Length > 0).BottomMm;
    }
}

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// Rounds a real number to an integer at random: up with probability equal to its fractional part, so the
/// expected result is the number itself. Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) round the integer
/// parameters of the Frangi baseline this way so that the objective CMA-ES sees changes smoothly in expectation
/// instead of in flat steps.
/// </summary>
internal static class ProbabilisticRounding
{
    /// <summary>floor(x) + 1 when <paramref name="uniform"/> &lt; frac(x), else floor(x).</summary>
    /// <param name="x">A finite number.</param>
    /// <param name="uniform">A uniform draw in [0, 1).</param>
    public static int Round(double x, double uniform)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "must be finite");
        }
        var floor = Math.Floor(x);
        return (int)floor + (uniform < x - floor ? 1 : 0);
    }

    /// <summary>
    /// A uniform draw in [0, 1) determined by <paramref name="seed"/> and the bits of <paramref name="point"/>
    /// (SplitMix64 over the words). Tying the draw to the candidate rather than to a shared generator keeps a search
    /// identical however many threads evaluate a generation, while distinct candidates still get independent draws.
    /// </summary>
    public static double Uniform(ulong seed, ReadOnlySpan<double> point, int stream)
    {
        var h = Mix(seed ^ 0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        foreach (var v in point)
        {
            h = Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(v));
        }
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

using RootSeg.Imaging.Randomness;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// Makes a <see cref="DatasetSplit"/> from a dataset's stems, either the way Smith et al. 2020 ("Segmentation of
/// roots in soil with U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0) split their images, or as a
/// random partition by fractions (SegRoot's 60/20/20).
/// </summary>
/// <remarks>
/// Excluded stems are removed before any choice, so they are never tested on either. Stems are first sorted
/// (ordinal) so that the result depends on the seed and the set of stems, not on directory order.
/// </remarks>
public static class SplitPlanner
{
    private const long TestStream = 0x54455354;
    private const long RandomStream = 0x52414E44;

    /// <summary>
    /// The paper's protocol: <paramref name="testCount"/> random test images; the remaining images sorted by
    /// root-pixel count (ties by stem) and <paramref name="validationCount"/> of them evenly spaced taken for
    /// validation; the rest for training.
    /// </summary>
    /// <remarks>
    /// "Evenly spaced" is made concrete as the middle of k equal strata: of n sorted images the validation ones
    /// are those at floor((i + 0.5) n / k), i = 0..k-1, so each validation image stands for an equal share of the
    /// root-density range and neither extreme is over-represented.
    /// </remarks>
    /// <param name="stems">All stems of the dataset (distinct).</param>
    /// <param name="rootPixels">Root-pixel count of a stem; called only for the images left after the test draw.</param>
    /// <param name="testCount">Test images, at least 0.</param>
    /// <param name="validationCount">Validation images, at least 0.</param>
    /// <param name="seed">Seed of the test draw.</param>
    /// <param name="excluded">Stems to leave out; each must be one of <paramref name="stems"/>.</param>
    /// <exception cref="ArgumentException">A stem repeats, an excluded stem is unknown, or too few images remain.</exception>
    public static DatasetSplit Paper(IReadOnlyList<string> stems, Func<string, long> rootPixels, int testCount,
        int validationCount, ulong seed, IReadOnlyCollection<string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(rootPixels);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        var (pool, left) = Candidates(stems, excluded);
        if (testCount + validationCount > pool.Count)
        {
            throw new ArgumentException(
                $"{testCount} test + {validationCount} validation images asked for, but only {pool.Count} are available",
                nameof(testCount));
        }
        var shuffled = pool.ToList();
        SeededRandom.Derive(seed, TestStream).Shuffle(shuffled);
        var test = shuffled.Take(testCount).ToList();
        var rest = shuffled.Skip(testCount)
            .Select(stem => (Stem: stem, Roots: rootPixels(stem)))
            .OrderBy(e => e.Roots).ThenBy(e => e.Stem, StringComparer.Ordinal)
            .Select(e => e.Stem).ToList();
        var validation = new List<string>(validationCount);
        for (var i = 0; i < validationCount; i++)
        {
            validation.Add(rest[(int)((i + 0.5) * rest.Count / validationCount)]);
        }
        var train = rest.Except(validation, StringComparer.Ordinal).ToList();
        return new DatasetSplit
        {
            Mode = SplitMode.Paper,
            Seed = seed,
            TestCount = testCount,
            ValidationCount = validationCount,
            Train = Sorted(train),
            Validation = Sorted(validation),
            Test = Sorted(test),
            Excluded = left,
        };
    }

    /// <summary>
    /// A random partition: validation = round(n x validation share) and test = round(n x test share) images
    /// (rounding half away from zero), training the remainder; for 65 images at 0.6/0.2/0.2 that is 39/13/13, as
    /// SegRoot used.
    /// </summary>
    /// <param name="stems">All stems of the dataset (distinct).</param>
    /// <param name="fractions">Shares, each in [0, 1], summing to 1 (within 1e-9).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="excluded">Stems to leave out; each must be one of <paramref name="stems"/>.</param>
    /// <exception cref="ArgumentException">Bad fractions, a repeated stem or an unknown excluded stem.</exception>
    public static DatasetSplit Random(IReadOnlyList<string> stems, SplitFractions fractions, ulong seed,
        IReadOnlyCollection<string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        var shares = new[] { (fractions.Train, "train"), (fractions.Validation, "validation"), (fractions.Test, "test") };
        foreach (var (share, name) in shares)
        {
            if (!(share >= 0 && share <= 1))
            {
                throw new ArgumentException($"the {name} share {share} is not in [0, 1]", nameof(fractions));
            }
        }
        var total = fractions.Train + fractions.Validation + fractions.Test;
        if (Math.Abs(total - 1.0) > 1e-9)
        {
            throw new ArgumentException($"the shares sum to {total}, not 1", nameof(fractions));
        }
        var (pool, left) = Candidates(stems, excluded);
        var n = pool.Count;
        var validationCount = (int)Math.Round(n * fractions.Validation, MidpointRounding.AwayFromZero);
        var testCount = Math.Min(n - validationCount,
            (int)Math.Round(n * fractions.Test, MidpointRounding.AwayFromZero));
        var shuffled = pool.ToList();
        SeededRandom.Derive(seed, RandomStream).Shuffle(shuffled);
        return new DatasetSplit
        {
            Mode = SplitMode.Random,
            Seed = seed,
            Fractions = fractions,
            Test = Sorted(shuffled.Take(testCount)),
            Validation = Sorted(shuffled.Skip(testCount).Take(validationCount)),
            Train = Sorted(shuffled.Skip(testCount + validationCount)),
            Excluded = left,
        };
    }

    private static (List<string> Pool, List<string> Excluded) Candidates(IReadOnlyList<string> stems,
        IReadOnlyCollection<string>? excluded)
    {
        ArgumentNullException.ThrowIfNull(stems);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            if (string.IsNullOrEmpty(stem))
            {
                throw new ArgumentException("a stem is empty", nameof(stems));
            }
            if (!all.Add(stem))
            {
                throw new ArgumentException($"the stem '{stem}' appears twice", nameof(stems));
            }
        }
        var left = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in excluded ?? [])
        {
            if (!all.Contains(stem))
            {
                throw new ArgumentException($"the excluded stem '{stem}' is not in the dataset", nameof(excluded));
            }
            left.Add(stem);
        }
        var pool = all.Where(s => !left.Contains(s)).Order(StringComparer.Ordinal).ToList();
        return (pool, Sorted(left));
    }

    private static List<string> Sorted(IEnumerable<string> stems) => stems.Order(StringComparer.Ordinal).ToList();
}

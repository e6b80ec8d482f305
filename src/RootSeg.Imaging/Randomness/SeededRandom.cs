using System.Numerics;

namespace RootSeg.Imaging.Randomness;

/// <summary>
/// An explicit, seeded, serialisable random generator: xoshiro256** (Blackman and Vigna 2021, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47(4):36, doi:10.1145/3460772), seeded through SplitMix64.
/// </summary>
/// <remarks>
/// Training must be reproducible bit for bit and resumable, so every draw in sampling and augmentation comes from an
/// instance of this type, never from a shared generator or from thread timing. <see cref="Derive"/> gives each
/// (run seed, epoch, sample) its own independent stream, so parallel workers draw the same numbers whatever the
/// scheduling. Not thread-safe: one instance per task.
/// </remarks>
public sealed class SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Starts the stream of <paramref name="seed"/> (any value, zero included).</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private SeededRandom(RandomState state)
    {
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }

    /// <summary>The current state; <see cref="FromState"/> continues from it.</summary>
    public RandomState State => new(_s0, _s1, _s2, _s3);

    /// <summary>A generator that continues from a saved <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">All four words are zero (xoshiro's one forbidden state).</exception>
    public static SeededRandom FromState(RandomState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
        {
            throw new ArgumentException("an all-zero xoshiro256** state is invalid", nameof(state));
        }
        return new SeededRandom(state);
    }

    /// <summary>
    /// The generator for one task identified by <paramref name="keys"/> under <paramref name="seed"/>, for example
    /// (run seed, epoch, sample index). Different key tuples give unrelated streams; the same tuple always the same.
    /// </summary>
    public static SeededRandom Derive(ulong seed, params ReadOnlySpan<long> keys)
    {
        var h = seed;
        var mixed = SplitMix(ref h);
        foreach (var key in keys)
        {
            // Chaining the keys through SplitMix64's finaliser makes the result depend on their order and count,
            // so (1, 2) and (2, 1) and (1, 2, 0) give unrelated streams.
            var k = mixed ^ ((ulong)key * Golden);
            mixed = SplitMix(ref k) + Golden;
        }
        return new SeededRandom(mixed);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), a multiple of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="count"/>), without modulo bias (Lemire 2019).</summary>
    /// <param name="count">The number of possible values, at least 1.</param>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1):3, doi:10.1145/3230636.
        var range = (ulong)count;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (int)product;
    }

    /// <summary>
    /// A normal deviate with mean <paramref name="mean"/> and standard deviation <paramref name="sigma"/>, by the
    /// Box-Muller transform (one of the pair is used, so the state stays four words).
    /// </summary>
    public double NextGaussian(double mean = 0.0, double sigma = 1.0)
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Runtime.CompilerServices;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Stateless integer hashing that turns (seed, coordinates) into uniform numbers, so that noise fields can be
/// evaluated per pixel from any thread in any order and still give the same image for a seed.
/// </summary>
/// <remarks>
/// The mixing step is the 32-bit finaliser of MurmurHash3 (Appleby 2011), applied twice; its avalanche makes
/// neighbouring lattice points uncorrelated, which value noise needs (Lagae et al. 2010, "A survey of
/// procedural noise functions", Computer Graphics Forum 29(8):2579-2600, doi:10.1111/j.1467-8659.2010.01827.x).
/// </remarks>
internal static class SeedHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint seed, int a, int b = 0, int c = 0)
    {
        // Two finaliser rounds suffice: the first scrambles (seed, a), the second folds in b and c, each scaled by
        // an odd constant so that small coordinates land far apart before mixing.
        var h = Finalise(seed ^ unchecked((uint)a * 0x9E3779B1u));
        return Finalise(h ^ unchecked((uint)b * 0x85EBCA77u + (uint)c * 0xC2B2AE3Du));
    }

    /// <summary>A uniform number in [0, 1) from the hash of the arguments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Uniform(uint seed, int a, int b = 0, int c = 0) => (Mix(seed, a, b, c) >> 8) * (1f / (1 << 24));

    /// <summary>A standard normal number from the hash of the arguments (Box-Muller on two hashed uniforms).</summary>
    public static float Gaussian(uint seed, int a, int b, int c)
    {
        var u1 = ((Mix(seed, a, b, c) >> 8) + 0.5f) * (1f / (1 << 24));
        var u2 = (Mix(seed ^ 0x5BD1E995u, a, b, c) >> 8) * (1f / (1 << 24));
        return MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(2f * MathF.PI * u2);
    }

    /// <summary>A seed for one independent layer of the picture (roots, soil, pebbles...).</summary>
    public static int LayerSeed(int seed, int layer) => unchecked((int)Mix((uint)seed, layer, 0x1A7E, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalise(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}

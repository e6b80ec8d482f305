using System.Runtime.CompilerServices;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Multi-octave value noise: random values on a square lattice, blended with a smoothstep between lattice points,
/// summed over octaves of halving cell size and amplitude. Values lie in [0, 1]; the field is continuous, and
/// the same seed gives the same field at every point regardless of evaluation order.
/// </summary>
/// <remarks>
/// Value noise as surveyed by Lagae et al. 2010, "A survey of procedural noise functions", Computer Graphics Forum
/// 29(8):2579-2600, doi:10.1111/j.1467-8659.2010.01827.x. It is cheaper than gradient noise and its blocky spectrum
/// does not matter for soil, which is itself irregular.
/// </remarks>
internal sealed class ValueNoise
{
    private readonly uint _seed;
    private readonly float _cell;
    private readonly int _octaves;
    private readonly float _norm;

    /// <param name="seed">Any integer; equal seeds give equal fields.</param>
    /// <param name="cell">Lattice spacing of the coarsest octave in pixels, at least 1.</param>
    /// <param name="octaves">Number of octaves, 1 to 8.</param>
    public ValueNoise(int seed, double cell, int octaves)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cell, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(octaves, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(octaves, 8);
        _seed = unchecked((uint)seed);
        _cell = (float)cell;
        _octaves = octaves;
        // Amplitudes 1, 1/2, 1/4...: dividing by their sum keeps the total in [0, 1].
        _norm = 1f / (2f - MathF.Pow(0.5f, octaves - 1));
    }

    /// <summary>The field at (x, y) in pixels, in [0, 1].</summary>
    public float At(float x, float y)
    {
        var sum = 0f;
        var amplitude = 1f;
        var scale = 1f / _cell;
        for (var octave = 0; octave < _octaves; octave++)
        {
            sum += amplitude * Octave(x * scale, y * scale, octave);
            amplitude *= 0.5f;
            scale *= 2f;
        }
        return sum * _norm;
    }

    private float Octave(float u, float v, int octave)
    {
        var i = (int)MathF.Floor(u);
        var j = (int)MathF.Floor(v);
        var fu = Smooth(u - i);
        var fv = Smooth(v - j);
        var octaveSeed = _seed + (uint)octave * 0x9E3779B9u;
        var a = SeedHash.Uniform(octaveSeed, i, j);
        var b = SeedHash.Uniform(octaveSeed, i + 1, j);
        var c = SeedHash.Uniform(octaveSeed, i, j + 1);
        var d = SeedHash.Uniform(octaveSeed, i + 1, j + 1);
        var top = a + (b - a) * fu;
        var bottom = c + (d - c) * fu;
        return top + (bottom - top) * fv;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Smooth(float t) => t * t * (3f - 2f * t);
}

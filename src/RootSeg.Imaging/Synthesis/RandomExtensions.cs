namespace RootSeg.Imaging.Synthesis;

/// <summary>Draws from the distributions the synthesizer needs, using only the given <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    /// <summary>A uniform number in [low, high).</summary>
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>A normal number (Box-Muller transform).</summary>
    public static double Gaussian(this Random random, double mean = 0, double sigma = 1)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>-1 or +1 with equal probability.</summary>
    public static int Sign(this Random random) => random.Next(2) == 0 ? -1 : 1;
}

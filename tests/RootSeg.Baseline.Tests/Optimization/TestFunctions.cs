namespace RootSeg.Baseline.Tests.Optimization;

/// <summary>The benchmark functions of Hansen's tutorial (arXiv:1604.00772), each with minimum 0.</summary>
internal static class TestFunctions
{
    public static double Sphere(double[] x) => x.Sum(v => v * v);

    /// <summary>The ellipsoid with axis ratio 1000 (condition number 1e6): sum 10^(6 i / (n - 1)) x_i^2.</summary>
    public static double Ellipsoid(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Pow(10, 6.0 * i / (x.Length - 1)) * x[i] * x[i];
        }
        return sum;
    }

    /// <summary>Rosenbrock's function, minimum 0 at (1, ..., 1).</summary>
    public static double Rosenbrock(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }
}

using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// The part of a segment that lies inside the picture rectangle [0, width] x [0, height], by Liang-Barsky
/// parametric clipping (Liang and Barsky 1984, "A new concept and method for line clipping", ACM Transactions on
/// Graphics 3(1):1-22, doi:10.1145/357332.357333).
/// </summary>
internal static class CentreLineLength
{
    /// <summary>
    /// Clips the segment a-b to the rectangle; returns false when nothing of it is inside, else the parameters
    /// <paramref name="t0"/> &lt;= <paramref name="t1"/> in [0, 1] of the inside part.
    /// </summary>
    public static bool Clip(Vector2 a, Vector2 b, float width, float height, out float t0, out float t1)
    {
        t0 = 0f;
        t1 = 1f;
        var d = b - a;
        // Each edge gives p * t <= q for the inside half-plane.
        return Edge(-d.X, a.X, ref t0, ref t1)
            && Edge(d.X, width - a.X, ref t0, ref t1)
            && Edge(-d.Y, a.Y, ref t0, ref t1)
            && Edge(d.Y, height - a.Y, ref t0, ref t1)
            && t0 <= t1;
    }

    /// <summary>Length of the part of a-b inside the rectangle.</summary>
    public static double Inside(Vector2 a, Vector2 b, float width, float height) =>
        Clip(a, b, width, height, out var t0, out var t1) ? (double)Vector2.Distance(a, b) * (t1 - t0) : 0.0;

    private static bool Edge(float p, float q, ref float t0, ref float t1)
    {
        if (p == 0f)
        {
            return q >= 0f;
        }
        var t = q / p;
        if (p < 0f)
        {
            if (t > t1)
            {
                return false;
            }
            t0 = MathF.Max(t0, t);
        }
        else
        {
            if (t < t0)
            {
                return false;
            }
            t1 = MathF.Min(t1, t);
        }
        return true;
    }
}

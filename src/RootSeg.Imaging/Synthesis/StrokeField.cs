using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// For every pixel centre, the signed distance to the nearest of a set of strokes (segments with a radius that
/// varies linearly along them: distance to the centre line minus the local radius), where across the stroke the
/// pixel lies (distance over radius) and which stroke it is. Negative or zero distance means inside.
/// </summary>
/// <remarks>
/// One field serves both the exact mask (distance &lt;= 0) and the anti-aliased picture (coverage
/// 0.5 - distance, clamped to [0, 1], the usual distance-based approximation of the covered area of a pixel).
/// </remarks>
internal sealed class StrokeField
{
    public StrokeField(int width, int height)
    {
        Width = width;
        Height = height;
        Distance = new float[width * height];
        Across = new float[width * height];
        Id = new int[width * height];
        Distance.AsSpan().Fill(float.PositiveInfinity);
        Id.AsSpan().Fill(-1);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Signed distance in pixels, row by row; +infinity far from every stroke.</summary>
    public float[] Distance { get; }

    /// <summary>Distance to the centre line over the local radius, at the nearest stroke.</summary>
    public float[] Across { get; }

    /// <summary>The id of the nearest stroke, -1 where no stroke came within reach.</summary>
    public int[] Id { get; }

    /// <summary>Adds the segment from <paramref name="a"/> (radius <paramref name="ra"/>) to <paramref name="b"/>.</summary>
    public void AddSegment(Vector2 a, Vector2 b, float ra, float rb, int id)
    {
        // Pixels farther out than 1 pixel beyond the radius get no coverage, so they need no visit.
        var reach = MathF.Max(ra, rb) + 1.5f;
        var x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, b.X) - reach));
        var x1 = Math.Min(Width - 1, (int)MathF.Ceiling(MathF.Max(a.X, b.X) + reach));
        var y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, b.Y) - reach));
        var y1 = Math.Min(Height - 1, (int)MathF.Ceiling(MathF.Max(a.Y, b.Y) + reach));
        if (x0 > x1 || y0 > y1)
        {
            return;
        }
        var ab = b - a;
        var lengthSquared = Vector2.Dot(ab, ab);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var p = new Vector2(x + 0.5f, y + 0.5f);
                var t = lengthSquared > 0f ? Math.Clamp(Vector2.Dot(p - a, ab) / lengthSquared, 0f, 1f) : 0f;
                var d = Vector2.Distance(p, a + t * ab);
                var r = ra + t * (rb - ra);
                var signed = d - r;
                var i = y * Width + x;
                if (signed < Distance[i])
                {
                    Distance[i] = signed;
                    Across[i] = r > 0f ? d / r : 0f;
                    Id[i] = id;
                }
            }
        }
    }

    /// <summary>Adds every segment of a polyline with per-vertex radii.</summary>
    public void AddPolyline(IReadOnlyList<Vector2> points, IReadOnlyList<float> radii, int id)
    {
        for (var i = 0; i + 1 < points.Count; i++)
        {
            AddSegment(points[i], points[i + 1], radii[i], radii[i + 1], id);
        }
    }

    /// <summary>Fraction of the pixel covered, from the signed distance, in [0, 1].</summary>
    public float Coverage(int index) => Math.Clamp(0.5f - Distance[index], 0f, 1f);
}

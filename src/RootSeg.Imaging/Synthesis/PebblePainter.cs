using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Paints pebbles: rotated grey ellipses lit from the upper left as if they were half-ellipsoids, with a mottled
/// surface. They are light, rounded and large, a hard negative for a root detector, and never enter the mask.
/// </summary>
internal static class PebblePainter
{
    private static readonly Vector3 Light = Vector3.Normalize(new Vector3(-0.5f, -0.6f, 0.65f));

    public static void Paint(RgbCanvas canvas, int count, int seed)
    {
        var random = new Random(seed);
        var side = Math.Min(canvas.Width, canvas.Height);
        for (var i = 0; i < count; i++)
        {
            var centre = new Vector2((float)random.Uniform(0, canvas.Width), (float)random.Uniform(0, canvas.Height));
            var major = (float)random.Uniform(4, Math.Max(5, 0.06 * side));
            var minor = major * (float)random.Uniform(0.45, 0.9);
            var angle = (float)random.Uniform(0, Math.PI);
            var grey = (float)random.Uniform(95, 175);
            var tint = new Vector3(1f + (float)random.Gaussian(0, 0.04), 1f, 1f - (float)random.Uniform(0, 0.08));
            var surface = new ValueNoise(random.Next(), Math.Max(1.0, major / 3), 2);
            Paint(canvas, centre, major, minor, angle, grey * tint, surface);
        }
    }

    private static void Paint(RgbCanvas canvas, Vector2 centre, float major, float minor, float angle, Vector3 colour,
        ValueNoise surface)
    {
        var (sin, cos) = MathF.SinCos(angle);
        var x0 = Math.Max(0, (int)MathF.Floor(centre.X - major - 1));
        var x1 = Math.Min(canvas.Width - 1, (int)MathF.Ceiling(centre.X + major + 1));
        var y0 = Math.Max(0, (int)MathF.Floor(centre.Y - major - 1));
        var y1 = Math.Min(canvas.Height - 1, (int)MathF.Ceiling(centre.Y + major + 1));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var dx = x + 0.5f - centre.X;
                var dy = y + 0.5f - centre.Y;
                var u = (dx * cos + dy * sin) / major;
                var v = (-dx * sin + dy * cos) / minor;
                var rho = MathF.Sqrt(u * u + v * v);
                // (1 - rho) * minor approximates the distance inside the rim in pixels, which gives the edge its
                // anti-aliasing.
                var coverage = Math.Clamp((1f - rho) * minor + 0.5f, 0f, 1f);
                if (coverage <= 0f)
                {
                    continue;
                }
                var height = MathF.Sqrt(MathF.Max(0f, 1f - rho * rho));
                var nu = u * cos - v * sin;
                var nv = u * sin + v * cos;
                var normal = Vector3.Normalize(new Vector3(nu, nv, height + 0.05f));
                var lit = 0.55f + 0.55f * MathF.Max(0f, Vector3.Dot(normal, Light));
                var mottle = 0.85f + 0.3f * surface.At(x, y);
                canvas.Blend(x, y, colour * lit * mottle, coverage);
            }
        }
    }
}

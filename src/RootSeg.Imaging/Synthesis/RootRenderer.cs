using System.Numerics;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Draws grown roots twice from one distance field: anti-aliased and shaded into the photo, and as the exact
/// binary mask (a pixel is root where its centre lies within the local half width of a centre line). Also
/// measures the true centre-line length and the mean width inside the picture.
/// </summary>
internal static class RootRenderer
{
    /// <summary>Length and mean diameter of the centre lines inside the picture.</summary>
    public readonly record struct Measures(double Length, double MeanWidth);

    public static Measures Render(RgbCanvas canvas, Raster<byte> mask, IReadOnlyList<RootPath> paths, int seed)
    {
        var field = new StrokeField(canvas.Width, canvas.Height);
        for (var id = 0; id < paths.Count; id++)
        {
            field.AddPolyline(paths[id].Points, paths[id].Radii, id);
        }
        // Soil smeared on the glass and roots turning away from it make brightness vary slowly along a root.
        var along = new ValueNoise(seed, 28, 2);
        Parallel.For(0, canvas.Height, y =>
        {
            var maskRow = mask.Row(y);
            for (var x = 0; x < canvas.Width; x++)
            {
                var i = y * canvas.Width + x;
                maskRow[x] = field.Distance[i] <= 0f ? (byte)1 : (byte)0;
                var coverage = field.Coverage(i);
                if (coverage <= 0f)
                {
                    continue;
                }
                var path = paths[field.Id[i]];
                // A root is a cylinder: its flanks face away from the glass and look darker than its middle.
                var across = MathF.Min(1f, field.Across[i]);
                var shade = (1f - 0.3f * across * across) * (0.8f + 0.3f * along.At(x, y));
                canvas.Blend(x, y, path.Colour * shade, coverage * path.Opacity);
            }
        });
        return Measure(paths, canvas.Width, canvas.Height);
    }

    private static Measures Measure(IReadOnlyList<RootPath> paths, int width, int height)
    {
        var length = 0.0;
        var widthTimesLength = 0.0;
        foreach (var path in paths)
        {
            for (var i = 0; i + 1 < path.Points.Count; i++)
            {
                if (!CentreLineLength.Clip(path.Points[i], path.Points[i + 1], width, height, out var t0, out var t1))
                {
                    continue;
                }
                var inside = (double)Vector2.Distance(path.Points[i], path.Points[i + 1]) * (t1 - t0);
                var middle = 0.5f * (t0 + t1);
                var radius = path.Radii[i] + middle * (path.Radii[i + 1] - path.Radii[i]);
                length += inside;
                widthTimesLength += inside * 2.0 * radius;
            }
        }
        return new Measures(length, length > 0 ? widthTimesLength / length : 0.0);
    }
}

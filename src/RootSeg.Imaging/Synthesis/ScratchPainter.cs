using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Paints scratches on the glass: long, thin, nearly straight light lines, half transparent, mostly running along
/// the tube. Thin and bright like fine roots, they are hard negatives and never enter the mask.
/// </summary>
internal static class ScratchPainter
{
    private static readonly Vector3 ScratchColour = new(215, 212, 205);

    public static void Paint(RgbCanvas canvas, int count, int seed)
    {
        var random = new Random(seed);
        var field = new StrokeField(canvas.Width, canvas.Height);
        var opacity = new float[count];
        var diagonal = MathF.Sqrt(canvas.Width * (float)canvas.Width + canvas.Height * (float)canvas.Height);
        for (var id = 0; id < count; id++)
        {
            var start = new Vector2((float)random.Uniform(0, canvas.Width), (float)random.Uniform(0, canvas.Height));
            // Tubes are pushed into the soil, so most scratches run near the vertical.
            var heading = random.NextDouble() < 0.7
                ? MathF.PI / 2 + (float)random.Gaussian(0, 0.15)
                : (float)random.Uniform(0, Math.PI);
            var length = diagonal * (float)random.Uniform(0.3, 1.1);
            var bend = (float)random.Gaussian(0, 0.0006);
            var radius = (float)random.Uniform(0.25, 0.7);
            opacity[id] = (float)random.Uniform(0.2, 0.5);
            var points = new List<Vector2>();
            var radii = new List<float>();
            var position = start - 0.5f * length * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
            const float step = 8f;
            for (var travelled = 0f; travelled <= length; travelled += step)
            {
                points.Add(position);
                radii.Add(radius);
                heading += bend * step;
                position += step * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
            }
            field.AddPolyline(points, radii, id);
        }
        Parallel.For(0, canvas.Height, y =>
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                var i = y * canvas.Width + x;
                var coverage = field.Coverage(i);
                if (coverage > 0f)
                {
                    canvas.Blend(x, y, ScratchColour, coverage * opacity[field.Id[i]]);
                }
            }
        });
    }
}

using System.Numerics;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// A floating-point RGB picture (grey levels 0 to 255, not clamped while drawing) that the synthesizer paints
/// layer by layer before rounding it once into a byte raster, so blending errors do not accumulate.
/// </summary>
internal sealed class RgbCanvas
{
    public RgbCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        Data = new float[width * height * 3];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Interleaved red, green, blue, row by row.</summary>
    public float[] Data { get; }

    public Vector3 Get(int x, int y)
    {
        var i = (y * Width + x) * 3;
        return new Vector3(Data[i], Data[i + 1], Data[i + 2]);
    }

    public void Set(int x, int y, Vector3 colour)
    {
        var i = (y * Width + x) * 3;
        Data[i] = colour.X;
        Data[i + 1] = colour.Y;
        Data[i + 2] = colour.Z;
    }

    /// <summary>Mixes <paramref name="colour"/> into pixel (x, y) with weight <paramref name="alpha"/> in [0, 1].</summary>
    public void Blend(int x, int y, Vector3 colour, float alpha) => Set(x, y, Vector3.Lerp(Get(x, y), colour, alpha));

    /// <summary>Fills an anti-aliased disc; <paramref name="shade"/> maps the current colour to the new one.</summary>
    public void Disc(float cx, float cy, float radius, float alpha, Func<Vector3, Vector3> shade)
    {
        var x0 = Math.Max(0, (int)MathF.Floor(cx - radius - 1f));
        var x1 = Math.Min(Width - 1, (int)MathF.Ceiling(cx + radius + 1f));
        var y0 = Math.Max(0, (int)MathF.Floor(cy - radius - 1f));
        var y1 = Math.Min(Height - 1, (int)MathF.Ceiling(cy + radius + 1f));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var d = MathF.Sqrt((x + 0.5f - cx) * (x + 0.5f - cx) + (y + 0.5f - cy) * (y + 0.5f - cy));
                var coverage = Math.Clamp(radius - d + 0.5f, 0f, 1f);
                if (coverage > 0f)
                {
                    var current = Get(x, y);
                    Set(x, y, Vector3.Lerp(current, shade(current), coverage * alpha));
                }
            }
        }
    }

    /// <summary>Rounds into a new 3-channel byte raster, which the caller owns.</summary>
    public Raster<byte> ToRaster()
    {
        var raster = new Raster<byte>(Width, Height, 3);
        Parallel.For(0, Height, y =>
        {
            var row = raster.Row(y);
            var offset = y * Width * 3;
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (byte)Math.Clamp(MathF.Round(Data[offset + i]), 0f, 255f);
            }
        });
        return raster;
    }
}

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Pillow 9's 8-bit colour arithmetic, reproduced operation for operation (float32 where Pillow's C code uses float,
/// double where it promotes), because torchvision's ColorJitter on PIL images is defined by it:
/// <c>Image.blend</c>, RGB to L (ITU-R 601-2 luma in 16-bit fixed point) and RGB/HSV conversion.
/// </summary>
internal static class PilColor
{
    /// <summary>Luma L = R 299/1000 + G 587/1000 + B 114/1000, rounded, in Pillow's fixed point.</summary>
    public static byte Grey(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>
    /// Image.blend(degenerate, image, alpha) for one sample: degenerate + alpha (image - degenerate) in float32,
    /// truncated to an integer, clipped to [0, 255] when alpha lies outside [0, 1].
    /// </summary>
    public static byte Blend(byte degenerate, byte image, float alpha)
    {
        var value = degenerate + alpha * (image - degenerate);
        if (alpha >= 0f && alpha <= 1f)
        {
            return (byte)value;
        }
        if (value <= 0f)
        {
            return 0;
        }
        return value >= 255f ? (byte)255 : (byte)value;
    }

    /// <summary>Pillow's RGB to HSV (after Python's colorsys), every component scaled to [0, 255] and truncated.</summary>
    public static (byte H, byte S, byte V) RgbToHsv(byte r, byte g, byte b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        if (min == max)
        {
            return (0, 0, max);
        }
        var range = (float)(max - min);
        var s = range / max;
        var rc = (max - r) / range;
        var gc = (max - g) / range;
        var bc = (max - b) / range;
        float h;
        if (r == max)
        {
            h = bc - gc;
        }
        else if (g == max)
        {
            h = (float)(2.0 + rc - bc);
        }
        else
        {
            h = (float)(4.0 + gc - rc);
        }
        h = (float)((h / 6.0 + 1.0) % 1.0);
        return (Clip((int)(h * 255.0)), Clip((int)(s * 255.0)), max);
    }

    /// <summary>Pillow's HSV to RGB, rounding half away from zero.</summary>
    public static (byte R, byte G, byte B) HsvToRgb(byte h, byte s, byte v)
    {
        if (s == 0)
        {
            return (v, v, v);
        }
        var i = (int)Math.Floor(h * 6.0 / 255.0);
        var f = (float)(h * 6.0 / 255.0 - i);
        var fs = (float)(s / 255.0);
        var p = Clip((int)Math.Round(v * (1.0 - fs), MidpointRounding.AwayFromZero));
        var q = Clip((int)Math.Round(v * (1.0 - fs * f), MidpointRounding.AwayFromZero));
        var t = Clip((int)Math.Round(v * (1.0 - fs * (1.0 - f)), MidpointRounding.AwayFromZero));
        return (i % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    private static byte Clip(int value) => (byte)Math.Clamp(value, 0, 255);
}

using RootSeg.Torch;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// <see cref="ColorJitter"/>'s four operations (torchvision's ColorJitter with Pillow's 8-bit arithmetic, as Smith
/// et al. 2020, doi:10.1186/s13007-020-00563-0, use it) as tensor ops on one RGB tile, (3, H, W) float32 holding
/// whole numbers in [0, 255]; each returns a new tile of the same kind. The arithmetic follows <see cref="PilColor"/>
/// step by step: float32 where Pillow uses float, float64 where it promotes, truncation where it casts, so that the
/// results equal the host's.
/// </summary>
internal static class ColorJitterOps
{
    /// <summary>Pillow's luma L = (19595 R + 38470 G + 7471 B + 2^15) >> 16, (H, W); exact in float32 (sums stay below 2^24).</summary>
    public static Tensor Grey(Tensor tile)
    {
        using var scope = TensorScope.Enter();
        var sum = tile.Select(0, 0) * 19595.0 + tile.Select(0, 1) * 38470.0 + tile.Select(0, 2) * 7471.0 + 32768.0;
        return scope.Keep((sum / 65536.0).Floor());
    }

    /// <summary>ImageEnhance.Brightness: blend with black.</summary>
    public static Tensor Brightness(Tensor tile, double factor)
    {
        using var scope = TensorScope.Enter();
        return scope.Keep(Blend(Tensor.Scalar(0, ScalarType.Float32, tile.Device), tile, factor));
    }

    /// <summary>ImageEnhance.Contrast: blend with the mean luma rounded as int(mean + 0.5) (the mean in float64).</summary>
    public static Tensor Contrast(Tensor tile, double factor)
    {
        using var scope = TensorScope.Enter();
        var mean = (Grey(tile).To(ScalarType.Float64).Mean() + 0.5).Floor().To(ScalarType.Float32);
        return scope.Keep(Blend(mean, tile, factor));
    }

    /// <summary>ImageEnhance.Color: blend with the greyscale tile.</summary>
    public static Tensor Saturation(Tensor tile, double factor)
    {
        using var scope = TensorScope.Enter();
        return scope.Keep(Blend(Grey(tile), tile, factor));
    }

    /// <summary>
    /// torchvision's PIL adjust_hue: to Pillow's 8-bit HSV, H += trunc(255 hue) modulo 256, back to RGB. For |hue|
    /// below 1/255 the shift is 0 but the lossy round trip still changes the tile, as on the host.
    /// </summary>
    public static Tensor Hue(Tensor tile, double hue)
    {
        var shift = (double)HueShift(hue);
        using var scope = TensorScope.Enter();
        var rgb = tile.To(ScalarType.Float64);
        var (h, s, v) = RgbToHsv(rgb.Select(0, 0), rgb.Select(0, 1), rgb.Select(0, 2));
        var (r, g, b) = HsvToRgb((h + shift).Remainder(256.0), s, v);
        return scope.Keep(Functional.Stack([r, g, b], 0).To(ScalarType.Float32));
    }

    /// <summary>The shift added to Pillow's 8-bit H: numpy's uint8(hue x 255), truncating and wrapping modulo 256.</summary>
    public static byte HueShift(double hue) => unchecked((byte)(long)Math.Truncate(hue * 255.0));

    // Image.blend(degenerate, image, alpha): degenerate + alpha (image - degenerate) in float32, truncated, clipped.
    private static Tensor Blend(Tensor degenerate, Tensor image, double alpha) =>
        ((image - degenerate) * (double)(float)alpha + degenerate).Floor().Clamp(0, 255);

    // Rounds float64 values to float32 and back: where Pillow's C code stores into a float.
    private static Tensor AsFloat(Tensor value) => value.To(ScalarType.Float32).To(ScalarType.Float64);

    private static (Tensor H, Tensor S, Tensor V) RgbToHsv(Tensor r, Tensor g, Tensor b)
    {
        var max = r.Maximum(g).Maximum(b);
        var min = r.Minimum(g).Minimum(b);
        var grey = max.Eq(min);
        var one = Tensor.Scalar(1, ScalarType.Float64, r.Device);
        var zero = Tensor.Scalar(0, ScalarType.Float64, r.Device);
        var range = Tensor.Where(grey, one, max - min);
        var safeMax = Tensor.Where(max.Eq(0), one, max);
        // A float32 quotient of exact values equals the float64 quotient rounded to float32 (double rounding is
        // harmless for division when the wider format has at least 2 p + 2 bits).
        var s = AsFloat(range / safeMax);
        var rc = AsFloat((max - r) / range);
        var gc = AsFloat((max - g) / range);
        var bc = AsFloat((max - b) / range);
        var h = Tensor.Where(r.Eq(max), AsFloat(bc - gc),
            Tensor.Where(g.Eq(max), AsFloat(2.0 + rc - bc), AsFloat(4.0 + gc - rc)));
        h = AsFloat((h / 6.0 + 1.0).Remainder(1.0));
        var hue = Tensor.Where(grey, zero, (h * 255.0).Floor().Clamp(0, 255));
        var saturation = Tensor.Where(grey, zero, (s * 255.0).Floor().Clamp(0, 255));
        return (hue, saturation, max);
    }

    private static (Tensor R, Tensor G, Tensor B) HsvToRgb(Tensor h, Tensor s, Tensor v)
    {
        var sector = (h * 6.0 / 255.0).Floor();
        var f = AsFloat(h * 6.0 / 255.0 - sector);
        var fs = AsFloat(s / 255.0);
        var p = RoundAway(v * (1.0 - fs));
        // fs x f is a float32 product in Pillow; fs x (1 - f) is promoted to double.
        var q = RoundAway(v * (1.0 - AsFloat(fs * f)));
        var t = RoundAway(v * (1.0 - fs * (1.0 - f)));
        var i = sector.Remainder(6.0);
        Tensor Pick(Tensor c0, Tensor c1, Tensor c2, Tensor c3, Tensor c4, Tensor c5) =>
            Tensor.Where(i.Eq(0), c0, Tensor.Where(i.Eq(1), c1, Tensor.Where(i.Eq(2), c2,
                Tensor.Where(i.Eq(3), c3, Tensor.Where(i.Eq(4), c4, c5)))));
        var achromatic = s.Eq(0);
        var r = Tensor.Where(achromatic, v, Pick(v, q, p, p, t, v));
        var g = Tensor.Where(achromatic, v, Pick(t, v, v, q, p, p));
        var b = Tensor.Where(achromatic, v, Pick(p, p, t, v, v, q));
        return (r, g, b);
    }

    // Math.Round(x, MidpointRounding.AwayFromZero) for x >= 0, then clipped to [0, 255].
    private static Tensor RoundAway(Tensor x)
    {
        var floor = x.Floor();
        return Tensor.Where((x - floor).Ge(0.5), floor + 1.0, floor).Clamp(0, 255);
    }
}

using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// torchvision's <c>ColorJitter</c> on 8-bit RGB images with its PIL semantics, as Smith et al. 2020 ("Segmentation
/// of roots in soil with U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0) use it with brightness 0.3,
/// contrast 0.3, saturation 0.2, hue 0.001: factors drawn uniformly from [max(0, 1 - b), 1 + b] (hue from [-h, h])
/// and the four operations applied in a random order.
/// </summary>
/// <remarks>
/// Each operation follows Pillow's ImageEnhance: brightness blends with black, contrast with the rounded mean of the
/// greyscale image, saturation with the greyscale image, each truncating to 8 bits; hue converts to HSV, adds
/// trunc(255 hue) modulo 256 to H and converts back. For |hue| below 1/255 the shift is 0, but the lossy HSV round
/// trip still changes the image slightly, as it does in torchvision.
/// </remarks>
public sealed record ColorJitter
{
    /// <summary>Brightness jitter b, at least 0 (the paper: 0.3).</summary>
    public double Brightness { get; init; } = 0.3;

    /// <summary>Contrast jitter, at least 0 (the paper: 0.3).</summary>
    public double Contrast { get; init; } = 0.3;

    /// <summary>Saturation jitter, at least 0 (the paper: 0.2).</summary>
    public double Saturation { get; init; } = 0.2;

    /// <summary>Hue jitter in turns, in [0, 0.5] (the paper: 0.001).</summary>
    public double Hue { get; init; } = 0.001;

    /// <summary>
    /// Draws the order (a random permutation) and then, for each operation whose jitter is not zero, its factor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A jitter strength is out of range.</exception>
    public ColorJitterParameters Draw(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckStrength(Brightness, nameof(Brightness), double.PositiveInfinity);
        CheckStrength(Contrast, nameof(Contrast), double.PositiveInfinity);
        CheckStrength(Saturation, nameof(Saturation), double.PositiveInfinity);
        CheckStrength(Hue, nameof(Hue), 0.5);
        var order = new List<ColorJitterOperation>
        {
            ColorJitterOperation.Brightness, ColorJitterOperation.Contrast,
            ColorJitterOperation.Saturation, ColorJitterOperation.Hue,
        };
        random.Shuffle(order);
        return new ColorJitterParameters(order,
            Factor(Brightness, random), Factor(Contrast, random), Factor(Saturation, random),
            Hue == 0 ? null : random.NextDouble(-Hue, Hue));
    }

    /// <summary>Applies drawn (or chosen) parameters to an RGB image in place.</summary>
    /// <param name="image">3-channel 8-bit RGB; modified.</param>
    /// <param name="parameters">Order and factors.</param>
    public static void Apply(Raster<byte> image, ColorJitterParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var operation in parameters.Order)
        {
            switch (operation)
            {
                case ColorJitterOperation.Brightness when parameters.Brightness is { } b:
                    AdjustBrightness(image, b);
                    break;
                case ColorJitterOperation.Contrast when parameters.Contrast is { } c:
                    AdjustContrast(image, c);
                    break;
                case ColorJitterOperation.Saturation when parameters.Saturation is { } s:
                    AdjustSaturation(image, s);
                    break;
                case ColorJitterOperation.Hue when parameters.Hue is { } h:
                    AdjustHue(image, h);
                    break;
            }
        }
    }

    /// <summary>PIL ImageEnhance.Brightness: blend with black by <paramref name="factor"/> (at least 0), in place.</summary>
    public static void AdjustBrightness(Raster<byte> image, double factor)
    {
        CheckRgb(image);
        CheckFactor(factor);
        var alpha = (float)factor;
        ForEachPixel(image, (ref byte r, ref byte g, ref byte b) =>
        {
            r = PilColor.Blend(0, r, alpha);
            g = PilColor.Blend(0, g, alpha);
            b = PilColor.Blend(0, b, alpha);
        });
    }

    /// <summary>
    /// PIL ImageEnhance.Contrast: blend with a grey image at the mean luma, rounded as int(mean + 0.5), in place.
    /// </summary>
    public static void AdjustContrast(Raster<byte> image, double factor)
    {
        CheckRgb(image);
        CheckFactor(factor);
        long sum = 0;
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < row.Length; x += 3)
            {
                sum += PilColor.Grey(row[x], row[x + 1], row[x + 2]);
            }
        }
        var mean = (byte)(int)((double)sum / ((long)image.Width * image.Height) + 0.5);
        var alpha = (float)factor;
        ForEachPixel(image, (ref byte r, ref byte g, ref byte b) =>
        {
            r = PilColor.Blend(mean, r, alpha);
            g = PilColor.Blend(mean, g, alpha);
            b = PilColor.Blend(mean, b, alpha);
        });
    }

    /// <summary>PIL ImageEnhance.Color: blend with the greyscale image, in place.</summary>
    public static void AdjustSaturation(Raster<byte> image, double factor)
    {
        CheckRgb(image);
        CheckFactor(factor);
        var alpha = (float)factor;
        ForEachPixel(image, (ref byte r, ref byte g, ref byte b) =>
        {
            var grey = PilColor.Grey(r, g, b);
            r = PilColor.Blend(grey, r, alpha);
            g = PilColor.Blend(grey, g, alpha);
            b = PilColor.Blend(grey, b, alpha);
        });
    }

    /// <summary>torchvision's PIL adjust_hue: H += trunc(255 x hue) modulo 256 in Pillow's HSV, in place.</summary>
    /// <param name="image">3-channel 8-bit RGB; modified.</param>
    /// <param name="hue">Shift in turns, in [-0.5, 0.5].</param>
    public static void AdjustHue(Raster<byte> image, double hue)
    {
        CheckRgb(image);
        if (!(hue >= -0.5 && hue <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(hue), hue, "hue must be in [-0.5, 0.5]");
        }
        // numpy's uint8(hue x 255) truncates towards zero and wraps negative values modulo 256.
        var shift = unchecked((byte)(long)Math.Truncate(hue * 255.0));
        ForEachPixel(image, (ref byte r, ref byte g, ref byte b) =>
        {
            var (h, s, v) = PilColor.RgbToHsv(r, g, b);
            (r, g, b) = PilColor.HsvToRgb(unchecked((byte)(h + shift)), s, v);
        });
    }

    private delegate void PixelAction(ref byte r, ref byte g, ref byte b);

    private static void ForEachPixel(Raster<byte> image, PixelAction action)
    {
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < row.Length; x += 3)
            {
                action(ref row[x], ref row[x + 1], ref row[x + 2]);
            }
        }
    }

    private static double? Factor(double strength, SeededRandom random) =>
        strength == 0 ? null : random.NextDouble(Math.Max(0.0, 1.0 - strength), 1.0 + strength);

    private static void CheckStrength(double value, string name, double max)
    {
        if (!(value >= 0 && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, {max}]");
        }
    }

    private static void CheckFactor(double factor)
    {
        if (!(factor >= 0) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be finite and at least 0");
        }
    }

    private static void CheckRgb(Raster<byte> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != 3)
        {
            throw new ArgumentException($"the image has {image.Channels} channels, not 3 (RGB)", nameof(image));
        }
    }
}

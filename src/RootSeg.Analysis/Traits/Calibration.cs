namespace RootSeg.Analysis.Traits;

/// <summary>The scale of an image: how many pixels make one millimetre of the imaged plane.</summary>
public sealed record Calibration
{
    /// <summary>Creates a calibration.</summary>
    /// <param name="pixelsPerMm">Pixels per millimetre, finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixelsPerMm"/> is not finite and positive.</exception>
    public Calibration(double pixelsPerMm)
    {
        if (!double.IsFinite(pixelsPerMm) || pixelsPerMm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pixelsPerMm), pixelsPerMm, "pixels per mm must be finite and positive");
        }
        PixelsPerMm = pixelsPerMm;
    }

    /// <summary>Pixels per millimetre.</summary>
    public double PixelsPerMm { get; }

    /// <summary>Millimetres per pixel (the side of one pixel).</summary>
    public double MmPerPixel => 1 / PixelsPerMm;

    /// <summary>Square millimetres covered by one pixel.</summary>
    public double Mm2PerPixel => MmPerPixel * MmPerPixel;

    /// <summary>A calibration from dots (pixels) per inch; one inch is 25.4 mm.</summary>
    /// <param name="dotsPerInch">Pixels per inch, finite and positive.</param>
    public static Calibration FromDotsPerInch(double dotsPerInch)
    {
        if (!double.IsFinite(dotsPerInch) || dotsPerInch <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dotsPerInch), dotsPerInch, "dots per inch must be finite and positive");
        }
        return new Calibration(dotsPerInch / 25.4);
    }

    /// <summary>A length in pixels expressed in millimetres.</summary>
    public double ToMm(double pixels) => pixels / PixelsPerMm;

    /// <summary>A length in millimetres expressed in pixels.</summary>
    public double ToPixels(double mm) => mm * PixelsPerMm;
}

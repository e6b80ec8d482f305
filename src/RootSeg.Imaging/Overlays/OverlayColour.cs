namespace RootSeg.Imaging.Overlays;

/// <summary>An 8-bit sRGB colour for drawing over a photo.</summary>
/// <param name="R">Red, 0 to 255.</param>
/// <param name="G">Green, 0 to 255.</param>
/// <param name="B">Blue, 0 to 255.</param>
public readonly record struct OverlayColour(byte R, byte G, byte B)
{
    /// <summary>Pure red (255, 0, 0).</summary>
    public static OverlayColour Red => new(255, 0, 0);

    /// <summary>Pure green (0, 255, 0).</summary>
    public static OverlayColour Green => new(0, 255, 0);

    /// <summary>Pure blue (0, 0, 255).</summary>
    public static OverlayColour Blue => new(0, 0, 255);

    /// <summary>Yellow (255, 255, 0).</summary>
    public static OverlayColour Yellow => new(255, 255, 0);
}

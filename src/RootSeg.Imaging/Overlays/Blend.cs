using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Overlays;

/// <summary>Alpha blending shared by the overlays: out = (1 - a) photo + a colour, rounded, per channel.</summary>
internal static class Blend
{
    public static void Pixel(Span<byte> rgb, OverlayColour colour, float opacity)
    {
        rgb[0] = Mix(rgb[0], colour.R, opacity);
        rgb[1] = Mix(rgb[1], colour.G, opacity);
        rgb[2] = Mix(rgb[2], colour.B, opacity);
    }

    public static void CheckOpacity(float opacity, string name)
    {
        if (!(opacity >= 0f && opacity <= 1f))
        {
            throw new ArgumentOutOfRangeException(name, opacity, "opacity must be in [0, 1]");
        }
    }

    public static void CheckSameSize<TA, TB>(Raster<TA> photo, Raster<TB> other, string name)
        where TA : unmanaged where TB : unmanaged
    {
        if (other.Width != photo.Width || other.Height != photo.Height)
        {
            throw new ArgumentException($"is {other.Width}x{other.Height} but the photo is {photo.Width}x{photo.Height}", name);
        }
    }

    private static byte Mix(byte under, byte over, float opacity) =>
        (byte)MathF.Round(under + opacity * (over - under), MidpointRounding.AwayFromZero);
}

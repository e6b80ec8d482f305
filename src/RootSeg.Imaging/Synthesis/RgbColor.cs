namespace RootSeg.Imaging.Synthesis;

/// <summary>An 8-bit sRGB colour, used for the soil palette of <see cref="RootPhotoOptions"/>.</summary>
/// <param name="R">Red, 0 to 255.</param>
/// <param name="G">Green, 0 to 255.</param>
/// <param name="B">Blue, 0 to 255.</param>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>Rec. 601 luma in [0, 255], the brightness the synthesizer compares colours by.</summary>
    public double Luma => 0.299 * R + 0.587 * G + 0.114 * B;
}

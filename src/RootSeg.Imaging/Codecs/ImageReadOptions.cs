namespace RootSeg.Imaging.Codecs;

/// <summary>How <see cref="ImageFile.Read"/> and its RGB and grey forms decode.</summary>
public sealed record ImageReadOptions
{
    /// <summary>The default options: at most <see cref="DefaultMaxPixels"/> pixels.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>200 megapixels: over ten times the paper's 4608x2592 photos and the largest flatbed root scans
    /// (A4 at 1200 dpi is 140 megapixels), yet small enough that a damaged header cannot claim gigabytes.</summary>
    public const long DefaultMaxPixels = 200_000_000;

    /// <summary>
    /// Largest width x height accepted. The size in the file's header (JPEG frame header, PNG IHDR, TIFF tags) is
    /// checked against it before any memory is taken for the pixels, so a corrupt or hostile header gives one clear
    /// error instead of gigabytes of allocation. At least 1.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;
}

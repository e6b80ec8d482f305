namespace RootSeg.Imaging.Codecs;

/// <summary>How <see cref="ImageFile.Write(string, RootSeg.Imaging.Rasters.Raster{byte}, ImageWriteOptions?)"/> encodes.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>The default options: JPEG quality 95, PNG at the raster's own depth.</summary>
    public static ImageWriteOptions Default { get; } = new();

    /// <summary>JPEG quality, 1 to 100 (libjpeg's scale). Colour JPEGs are written without chroma subsampling
    /// (4:4:4) so that thin coloured overlay lines stay sharp.</summary>
    public int JpegQuality { get; init; } = 95;

    /// <summary>
    /// Writes a one-channel 8-bit raster as a 1-bit PNG: a sample that is not 0 becomes white (read back as 255),
    /// 0 becomes black. Masks are stored this way because they are about 8 times smaller than 8-bit PNGs.
    /// </summary>
    public bool Bilevel { get; init; }
}

namespace RootSeg.Imaging.Codecs;

/// <summary>The container formats RootSeg reads (all three) and writes (JPEG and PNG).</summary>
public enum ImageFormat
{
    /// <summary>JPEG (JFIF or Exif), decoded and encoded by libjpeg-turbo's TurboJPEG API.</summary>
    Jpeg,

    /// <summary>PNG, decoded and encoded by libpng's simplified API.</summary>
    Png,

    /// <summary>TIFF (classic and BigTIFF, either byte order), decoded by libtiff; read only.</summary>
    Tiff,
}

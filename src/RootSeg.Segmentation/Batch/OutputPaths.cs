namespace RootSeg.Segmentation.Batch;

/// <summary>
/// Where a batch run puts the outputs of one photo: <c>OUT/STEM.png</c> (1-bit mask), <c>OUT/STEM.prob.png</c>
/// (probability) and <c>OUT/STEM.overlay.jpg</c> (overlay), STEM being the photo's file name without extension.
/// </summary>
public static class OutputPaths
{
    /// <summary>The 1-bit mask.</summary>
    public static string Mask(string directory, string photo) => Named(directory, photo, ".png");

    /// <summary>The 8-bit probability image.</summary>
    public static string Probability(string directory, string photo) => Named(directory, photo, ".prob.png");

    /// <summary>The overlay JPEG.</summary>
    public static string Overlay(string directory, string photo) => Named(directory, photo, ".overlay.jpg");

    private static string Named(string directory, string photo, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(photo);
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(photo) + suffix);
    }
}

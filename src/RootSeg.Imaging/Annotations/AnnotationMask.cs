using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Annotations;

/// <summary>
/// A per-pixel root annotation: one byte per pixel holding an <see cref="AnnotationLabel"/> (0 background, 1 root,
/// 255 unlabelled). Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13,
/// doi:10.1186/s13007-020-00563-0, trains and scores on such binary masks; the unlabelled state carries RootPainter's
/// partial annotations.
/// </summary>
/// <remarks>The mask owns its <see cref="Labels"/> raster and returns it to the pool on <see cref="Dispose"/>.</remarks>
public sealed class AnnotationMask : IDisposable
{
    private readonly Raster<byte> _labels;

    private AnnotationMask(Raster<byte> labels)
    {
        _labels = labels;
    }

    /// <summary>Columns.</summary>
    public int Width => _labels.Width;

    /// <summary>Rows.</summary>
    public int Height => _labels.Height;

    /// <summary>The labels, one byte per pixel, owned by this mask; callers may read and change them.</summary>
    public Raster<byte> Labels => _labels;

    /// <summary>The label of pixel (x, y).</summary>
    public AnnotationLabel this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, $"column must be in [0, {Width})");
            }
            if ((uint)y >= (uint)Height)
            {
                throw new ArgumentOutOfRangeException(nameof(y), y, $"row must be in [0, {Height})");
            }
            return (AnnotationLabel)_labels[x, y];
        }
    }

    /// <summary>
    /// Reads an annotation file (JPEG, PNG or TIFF) and decodes it: grey or colour masks are root where the largest
    /// channel is at least 128 (of 255), 0/1 images are root where 1, and RootPainter RGBA images are unlabelled where
    /// transparent, root where red and background where green.
    /// </summary>
    /// <param name="path">The annotation file.</param>
    /// <returns>The mask, owned by the caller.</returns>
    /// <exception cref="ImageFileException">The file cannot be read.</exception>
    public static AnnotationMask Read(string path)
    {
        using var image = ImageFile.Read(path);
        return new AnnotationMask(AnnotationDecoder.Decode(image));
    }

    /// <summary>
    /// As <see cref="Read(string)"/>, and checks that the annotation has its photo's size.
    /// </summary>
    /// <param name="path">The annotation file.</param>
    /// <param name="photoWidth">The photo's width, at least 1.</param>
    /// <param name="photoHeight">The photo's height, at least 1.</param>
    /// <returns>The mask, owned by the caller.</returns>
    /// <exception cref="ImageFileException">The file cannot be read, or its size differs from the photo's.</exception>
    public static AnnotationMask Read(string path, int photoWidth, int photoHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(photoWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(photoHeight, 1);
        var mask = Read(path);
        if (mask.Width != photoWidth || mask.Height != photoHeight)
        {
            mask.Dispose();
            throw new ImageFileException(path, $"annotation is {mask.Width}x{mask.Height} but its photo is {photoWidth}x{photoHeight}");
        }
        return mask;
    }

    /// <summary>
    /// Reads a mask that labels every pixel, such as a predicted mask or one to measure, with the rules of
    /// <see cref="Read(string)"/> (so a 0/1 mask is read as a 0/1 annotation is), and refuses transparent
    /// (unlabelled) pixels. The one mask reader of <c>rootseg evaluate</c> (both sides) and <c>rootseg measure</c>.
    /// </summary>
    /// <param name="path">The mask file.</param>
    /// <returns>The mask, only <see cref="AnnotationLabel.Background"/> and <see cref="AnnotationLabel.Root"/>, owned by
    /// the caller.</returns>
    /// <exception cref="ImageFileException">The file cannot be read or has unlabelled pixels.</exception>
    public static AnnotationMask ReadComplete(string path)
    {
        var mask = Read(path);
        var unlabelled = mask.Count(AnnotationLabel.Unlabelled);
        if (unlabelled > 0)
        {
            mask.Dispose();
            throw new ImageFileException(path, $"{unlabelled} transparent (unlabelled) pixels: a predicted or measured mask must label every pixel");
        }
        return mask;
    }

    /// <summary>Decodes an image already in memory with the rules of <see cref="Read(string)"/>.</summary>
    /// <param name="image">The decoded annotation image; not modified, still owned by the caller.</param>
    /// <returns>The mask, owned by the caller.</returns>
    public static AnnotationMask Decode(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new AnnotationMask(AnnotationDecoder.Decode(image));
    }

    /// <summary>A mask holding a copy of <paramref name="labels"/>, whose samples must all be 0, 1 or 255.</summary>
    /// <param name="labels">A 1-channel raster of <see cref="AnnotationLabel"/> values; not modified.</param>
    /// <returns>The mask, owned by the caller.</returns>
    /// <exception cref="ArgumentException">A sample is not a label, or the raster has more than one channel.</exception>
    public static AnnotationMask FromLabels(Raster<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Channels != 1)
        {
            throw new ArgumentException($"labels need 1 channel, not {labels.Channels}", nameof(labels));
        }
        for (var y = 0; y < labels.Height; y++)
        {
            var row = labels.Row(y);
            var bad = row.IndexOfAnyExcept((byte)0, (byte)1, (byte)255);
            if (bad >= 0)
            {
                throw new ArgumentException($"sample ({bad}, {y}) is {row[bad]}, not 0, 1 or 255", nameof(labels));
            }
        }
        return new AnnotationMask(labels.Clone());
    }

    /// <summary>How many pixels carry <paramref name="label"/>.</summary>
    public long Count(AnnotationLabel label)
    {
        long count = 0;
        for (var y = 0; y < Height; y++)
        {
            count += _labels.Row(y).Count((byte)label);
        }
        return count;
    }

    /// <summary>Returns the labels' buffer to the pool.</summary>
    public void Dispose() => _labels.Dispose();
}

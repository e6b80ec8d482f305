using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Codecs.Png;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Annotate.Projects;

/// <summary>
/// Checks an annotation uploaded by the page and stores it in RootPainter's format (Smith et al. 2022,
/// doi:10.1111/nph.18387): an 8-bit RGBA PNG of the photo's size, red (255, 0, 0, 255) for root, green
/// (0, 255, 0, 255) for background and transparent (0, 0, 0, 0) for unlabelled pixels. The upload is decoded and
/// re-encoded, so a stored file is always in that exact form; nothing is written unless every check passes.
/// </summary>
public static class AnnotationUpload
{
    /// <summary>Validates <paramref name="png"/> and saves it as the annotation of <paramref name="photo"/>.</summary>
    /// <param name="project">The project.</param>
    /// <param name="photo">The photo's file name.</param>
    /// <param name="png">The uploaded PNG (RGBA; pixels with alpha 0 are unlabelled, else red &gt; 0 root, green
    /// &gt; 0 background).</param>
    /// <returns>The set the annotation is in, or null when it was empty (an existing file is then removed).</returns>
    /// <exception cref="AnnotationRejectedException">Not a PNG, corrupt, not 8-bit RGBA, or not the photo's size; or
    /// the photo is unknown.</exception>
    public static AnnotationSet? Save(AnnotationProject project, string photo, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(png);
        var (width, height) = project.PhotoSize(photo);
        var origin = $"annotation of {photo}";
        if (ImageFormatDetector.FromMagic(png) != ImageFormat.Png)
        {
            throw new AnnotationRejectedException($"{origin}: the upload is not a PNG file");
        }
        DecodedImage image;
        try
        {
            image = PngCodec.Decode(origin, png, ImageReadOptions.DefaultMaxPixels);
        }
        catch (ImageFileException e)
        {
            throw new AnnotationRejectedException(e.Message);
        }
        using (image)
        {
            if (image.Is16Bit || image.Channels != 4)
            {
                throw new AnnotationRejectedException(
                    $"{origin}: must be an 8-bit RGBA PNG, not {image.BitDepth}-bit with {image.Channels} channel(s)");
            }
            if (image.Width != width || image.Height != height)
            {
                throw new AnnotationRejectedException(
                    $"{origin}: the upload is {image.Width}x{image.Height} but the photo is {width}x{height}");
            }
            using var rgba = Canonical(image.Samples8, out var labelled);
            return project.SaveAnnotation(photo, labelled == 0, path => ImageFile.Write(path, rgba));
        }
    }

    /// <summary>
    /// The RootPainter RGBA form of an RGBA raster: root where alpha and red are set, else background where alpha and
    /// green are set, else transparent. Decoded here rather than by <see cref="AnnotationMask"/>, whose colour-mask rule
    /// applies to images without a transparent pixel.
    /// </summary>
    internal static Raster<byte> Canonical(Raster<byte> samples, out long labelled)
    {
        var result = new Raster<byte>(samples.Width, samples.Height, 4);
        labelled = 0;
        for (var y = 0; y < samples.Height; y++)
        {
            var from = samples.Row(y);
            var to = result.Row(y);
            for (var at = 0; at < to.Length; at += 4)
            {
                if (from[at + 3] == 0)
                {
                    continue;
                }
                if (from[at] > 0)
                {
                    to[at] = 255;
                }
                else if (from[at + 1] > 0)
                {
                    to[at + 1] = 255;
                }
                else
                {
                    continue;
                }
                to[at + 3] = 255;
                labelled++;
            }
        }
        return result;
    }
}

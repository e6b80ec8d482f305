using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Annotations;

/// <summary>
/// Turns an annotation image into labels. The rules, chosen by the image's channels:
/// <list type="bullet">
/// <item>1 or 3 channels of a lossless file (PNG, TIFF) whose largest sample is at most 1 (a 0/1 image): root where
/// the sample (any channel) is 1. Never for JPEG: a nearly black JPEG mask whose noise peaks at 1 is not a 0/1 image.</item>
/// <item>1 or 3 channels otherwise: root where the largest channel is at least half the range (128 of 255, 32768 of
/// 65535), background elsewhere. The largest channel rather than the mean, so that a mask drawn in one colour
/// (red roots on black) counts; JPEG noise on black stays far below half in every channel.</item>
/// <item>2 channels (grey, alpha): unlabelled where alpha is 0, else the grey rule.</item>
/// <item>4 channels with some pixel not fully opaque (RootPainter, whose brushes paint with alpha 180 and leave
/// unannotated pixels transparent, so that even a fully annotated image is recognised): unlabelled where alpha is
/// 0; else root where red &gt; 0, background where green &gt; 0, unlabelled where neither. Red wins where both are
/// set.</item>
/// <item>4 channels that are opaque everywhere: an ordinary colour mask that happens to carry alpha; the
/// 3-channel rules apply.</item>
/// </list>
/// </summary>
internal static class AnnotationDecoder
{
    public static Raster<byte> Decode(DecodedImage image)
    {
        var lossless = image.Format != ImageFormat.Jpeg;
        return image.Is16Bit ? Decode(image.Samples16, 65535, lossless) : Decode(image.Samples8, 255, lossless);
    }

    private static Raster<byte> Decode<T>(Raster<T> samples, int full, bool lossless) where T : unmanaged
    {
        var c = samples.Channels;
        var colour = c >= 3 ? 3 : 1;
        var hasAlpha = c is 2 or 4;
        var rootPainter = c == 4 && AnyNotOpaque(samples, full);
        var zeroOne = lossless && !rootPainter && MaxColour(samples, colour) <= 1;
        var threshold = zeroOne ? 1 : (full + 1) / 2;
        var labels = Raster<byte>.CreateUninitialized(samples.Width, samples.Height, 1);
        for (var y = 0; y < samples.Height; y++)
        {
            var from = samples.Row(y);
            var to = labels.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                var at = x * c;
                AnnotationLabel label;
                if (hasAlpha && Value(from[at + c - 1]) == 0)
                {
                    label = AnnotationLabel.Unlabelled;
                }
                else if (rootPainter)
                {
                    label = Value(from[at]) > 0 ? AnnotationLabel.Root
                        : Value(from[at + 1]) > 0 ? AnnotationLabel.Background
                        : AnnotationLabel.Unlabelled;
                }
                else
                {
                    var max = Value(from[at]);
                    for (var k = 1; k < colour; k++)
                    {
                        max = Math.Max(max, Value(from[at + k]));
                    }
                    label = max >= threshold ? AnnotationLabel.Root : AnnotationLabel.Background;
                }
                to[x] = (byte)label;
            }
        }
        return labels;
    }

    private static bool AnyNotOpaque<T>(Raster<T> samples, int full) where T : unmanaged
    {
        var c = samples.Channels;
        for (var y = 0; y < samples.Height; y++)
        {
            var row = samples.Row(y);
            for (var at = c - 1; at < row.Length; at += c)
            {
                if (Value(row[at]) < full)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int MaxColour<T>(Raster<T> samples, int colour) where T : unmanaged
    {
        var c = samples.Channels;
        var max = 0;
        for (var y = 0; y < samples.Height; y++)
        {
            var row = samples.Row(y);
            for (var at = 0; at < row.Length; at += c)
            {
                for (var k = 0; k < colour; k++)
                {
                    max = Math.Max(max, Value(row[at + k]));
                }
            }
        }
        return max;
    }

    private static int Value<T>(T sample) where T : unmanaged => sample switch
    {
        byte b => b,
        ushort u => u,
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}

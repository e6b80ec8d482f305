using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Augmentation.Device;

/// <summary>Synthetic tiles for the device-augmentation tests, as rasters and as (N, ...) CPU tensors.</summary>
internal static class DeviceTiles
{
    /// <summary>A photo of random bytes.</summary>
    public static Raster<byte> RandomPhoto(int size, ulong seed)
    {
        var random = new SeededRandom(seed);
        var photo = new Raster<byte>(size, size, 3);
        for (var i = 0; i < photo.Data.Length; i++)
        {
            photo.Data[i] = (byte)random.NextInt(256);
        }
        return photo;
    }

    /// <summary>Random thick root segments and one unlabelled square.</summary>
    public static Raster<byte> RandomAnnotation(int size, ulong seed)
    {
        var random = new SeededRandom(seed);
        var annotation = new Raster<byte>(size, size);
        for (var line = 0; line < 4; line++)
        {
            double x0 = random.NextInt(size), y0 = random.NextInt(size), x1 = random.NextInt(size), y1 = random.NextInt(size);
            for (var t = 0.0; t <= 1.0; t += 0.5 / size)
            {
                var cx = x0 + (x1 - x0) * t;
                var cy = y0 + (y1 - y0) * t;
                for (var y = (int)cy - 2; y <= (int)cy + 2; y++)
                {
                    for (var x = (int)cx - 2; x <= (int)cx + 2; x++)
                    {
                        if (x >= 0 && y >= 0 && x < size && y < size)
                        {
                            annotation[x, y] = AnnotationLabels.Root;
                        }
                    }
                }
            }
        }
        var corner = size / 3;
        for (var y = corner; y < corner + 6; y++)
        {
            for (var x = corner; x < corner + 6; x++)
            {
                annotation[x, y] = AnnotationLabels.Unlabelled;
            }
        }
        return annotation;
    }

    /// <summary>A photo whose red channel is 255 exactly on root pixels (green and blue constant).</summary>
    public static Raster<byte> ColourCoded(Raster<byte> annotation)
    {
        var photo = new Raster<byte>(annotation.Width, annotation.Height, 3);
        for (var y = 0; y < annotation.Height; y++)
        {
            for (var x = 0; x < annotation.Width; x++)
            {
                photo[x, y, 0] = annotation[x, y] == AnnotationLabels.Root ? (byte)255 : (byte)0;
                photo[x, y, 1] = 100;
                photo[x, y, 2] = 30;
            }
        }
        return photo;
    }

    /// <summary>(N, 3, size, size) uint8 from HWC rasters.</summary>
    public static Tensor Photos(IReadOnlyList<Raster<byte>> photos)
    {
        var size = photos[0].Width;
        var data = photos.SelectMany(p => p.Data.ToArray()).ToArray();
        using var hwc = Tensor.FromArray(data, [photos.Count, size, size, 3]);
        using var chw = hwc.Permute(0, 3, 1, 2);
        return chw.Contiguous();
    }

    /// <summary>(N, size, size) uint8.</summary>
    public static Tensor Annotations(IReadOnlyList<Raster<byte>> annotations)
    {
        var size = annotations[0].Width;
        var data = annotations.SelectMany(a => a.Data.ToArray()).ToArray();
        return Tensor.FromArray(data, [annotations.Count, size, size]);
    }
}

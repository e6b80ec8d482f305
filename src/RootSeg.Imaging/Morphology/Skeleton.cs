using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>
/// Thins a binary image to one-pixel-wide lines, giving the same pixels as scikit-image 0.19.3's 2-D
/// <c>skimage.morphology.skeletonize</c> (<c>method='zhang'</c>): the parallel two-sub-iteration thinning of
/// Zhang and Suen 1984 (doi:10.1145/357994.358023) with scikit-image's lookup table
/// (<see cref="SkeletonLookupTable"/>).
/// </summary>
/// <remarks>
/// Root length in Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) is the pixel count of this skeleton.
/// Each sub-iteration decides every removal from the image as it was when the sub-iteration began, exactly as
/// scikit-image does; pixels outside the image count as background. Only foreground pixels are visited, so the
/// cost grows with the foreground and the number of iterations (about half the widest stroke), not the image.
/// </remarks>
public static class Skeleton
{
    /// <summary>Skeletonizes the nonzero pixels.</summary>
    /// <param name="mask">Single-channel binary image, nonzero = foreground (scikit-image tests
    /// <c>image &gt; 0</c> too, after insisting on 0/1 values); not modified.</param>
    /// <returns>A new raster with 1 on the skeleton and 0 elsewhere; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mask"/> has more than one channel.</exception>
    public static Raster<byte> Apply(Raster<byte> mask)
    {
        MaskChecks.SingleChannel(mask, nameof(mask));
        var width = mask.Width + 2;
        var height = mask.Height + 2;
        // A one-pixel background frame spares every neighbour lookup a bounds test.
        var image = new byte[(long)width * height];
        var pixels = new List<int>();
        for (var y = 0; y < mask.Height; y++)
        {
            ReadOnlySpan<byte> row = mask.Row(y);
            var offset = (y + 1) * width + 1;
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x] != 0)
                {
                    image[offset + x] = 1;
                    pixels.Add(offset + x);
                }
            }
        }
        Thin(image, width, pixels);
        var result = new Raster<byte>(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            image.AsSpan((y + 1) * width + 1, mask.Width).CopyTo(result.Row(y));
        }
        return result;
    }

    private static void Thin(byte[] image, int width, List<int> pixels)
    {
        var table = SkeletonLookupTable.Table;
        var removals = new List<int>();
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var pass = 1; pass <= 2; pass++)
            {
                removals.Clear();
                foreach (var p in pixels)
                {
                    var code = image[p - width - 1] | image[p - width] << 1 | image[p - width + 1] << 2
                        | image[p + 1] << 3 | image[p + width + 1] << 4 | image[p + width] << 5
                        | image[p + width - 1] << 6 | image[p - 1] << 7;
                    // Class 3 is removable in both sub-iterations, so testing the pass's bit covers it.
                    if ((table[code] & pass) != 0)
                    {
                        removals.Add(p);
                    }
                }
                if (removals.Count == 0)
                {
                    continue;
                }
                changed = true;
                foreach (var p in removals)
                {
                    image[p] = 0;
                }
                pixels.RemoveAll(p => image[p] == 0);
            }
        }
    }
}

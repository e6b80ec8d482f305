using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

/// <summary>Small synthetic photos with thin bright "roots" and matching annotations.</summary>
internal static class SyntheticImages
{
    /// <summary>
    /// A width x height image with noise-textured soil and a vertical root of width 3 at column
    /// <paramref name="rootColumn"/> spanning rows [rootTop, rootBottom); no root when rootColumn is negative.
    /// </summary>
    public static TrainingImage Make(string stem, int width, int height, int rootColumn, int rootTop, int rootBottom,
        ulong seed = 1)
    {
        var random = new SeededRandom(seed);
        var photo = new Raster<byte>(width, height, 3);
        var annotation = new Raster<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var root = rootColumn >= 0 && Math.Abs(x - rootColumn) <= 1 && y >= rootTop && y < rootBottom;
                annotation[x, y] = root ? AnnotationLabels.Root : AnnotationLabels.Background;
                var soil = 60 + random.NextInt(40);
                photo[x, y, 0] = (byte)(root ? 220 : soil);
                photo[x, y, 1] = (byte)(root ? 200 : soil - 20);
                photo[x, y, 2] = (byte)(root ? 180 : soil - 40);
            }
        }
        return new TrainingImage(stem, photo, annotation);
    }
}

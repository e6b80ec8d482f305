using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Synthesis;

namespace RootSeg.Annotate.Tests;

/// <summary>A temporary folder with synthetic photos (and their exact masks) and an empty project folder beside them.</summary>
internal sealed class TestProject : IDisposable
{
    public TestProject(int count = 3, int size = 200, int seed = 5)
    {
        Root = Path.Combine(Path.GetTempPath(), "rootseg-annotate-" + Guid.NewGuid().ToString("N"));
        SyntheticDataset.Write(Path.Combine(Root, "data"), count, seed, new RootPhotoOptions { Width = size, Height = size });
        Size = size;
    }

    public string Root { get; }

    public int Size { get; }

    public string Photos => Path.Combine(Root, "data", "photos");

    public string Directory => Path.Combine(Root, "project");

    public string TrainAnnotations => Path.Combine(Directory, "annotations", "train");

    public string ValidationAnnotations => Path.Combine(Directory, "annotations", "val");

    /// <summary>The exact root mask (1 root) of a photo, from the synthetic dataset.</summary>
    public Raster<byte> Mask(string photo)
    {
        using var mask = ImageFile.ReadGrey(Path.Combine(Root, "data", "annotations", Path.GetFileNameWithoutExtension(photo) + ".png"));
        var result = new Raster<byte>(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                result[x, y] = (byte)(mask[x, y] >= 128 ? 1 : 0);
            }
        }
        return result;
    }

    /// <summary>PNG bytes of a raster, encoded by RootSeg's PNG writer.</summary>
    public byte[] Png(Raster<byte> raster)
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N") + ".png");
        ImageFile.Write(path, raster);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>
    /// A RootPainter annotation: red where <paramref name="root"/> says root, green where it says background, and
    /// transparent where <paramref name="labelled"/> is false.
    /// </summary>
    public static Raster<byte> Rgba(int width, int height, Func<int, int, bool> labelled, Func<int, int, bool> root)
    {
        var rgba = new Raster<byte>(width, height, 4);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!labelled(x, y))
                {
                    continue;
                }
                rgba[x, y, root(x, y) ? 0 : 1] = 255;
                rgba[x, y, 3] = 255;
            }
        }
        return rgba;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping server: the temporary folder is left for the system to clean.
        }
    }
}

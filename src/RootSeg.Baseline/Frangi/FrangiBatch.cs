using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// Segments photo files with the Frangi baseline and writes the masks as <c>rootseg segment</c> does: one 8-bit grey
/// PNG per photo, named by the photo's stem, 255 on root and 0 elsewhere, written under a temporary name and moved
/// into place, so <c>rootseg evaluate</c> and <c>rootseg measure</c> read them unchanged.
/// </summary>
public static class FrangiBatch
{
    /// <summary>The photos at <paramref name="path"/>: the file itself, or the image files of the folder in
    /// ordinal order.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>, or the folder holds no
    /// image file; the message names it.</exception>
    public static IReadOnlyList<string> Photos(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return [path];
        }
        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }
        var photos = ImageFiles.InFolder(path);
        if (photos.Count == 0)
        {
            throw new FileNotFoundException($"{path}: no JPEG, PNG or TIFF photo in this folder", path);
        }
        return photos;
    }

    /// <summary>
    /// Takes the lock of the mask folder <paramref name="outDir"/> (created when missing) for a run with
    /// <paramref name="parameters"/> (<see cref="OutputLock"/>): runs of the same parameters, whose masks are the same,
    /// may write beside it; runs of other parameters may not. Hold it until the run ends.
    /// </summary>
    /// <exception cref="OutputInUseException">A live run with other parameters writes the folder.</exception>
    /// <exception cref="IOException">The folder or its lock cannot be made.</exception>
    public static OutputLock LockOutput(string outDir, FrangiParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentNullException.ThrowIfNull(parameters);
        return OutputLock.ForFolder(outDir, OutputRun.OfThisProcess("frangi segment", true, ("parameters", parameters.ToString())));
    }

    /// <summary>The mask path of <paramref name="photoPath"/> in <paramref name="outDir"/>.</summary>
    public static string MaskPath(string photoPath, string outDir) =>
        Path.Combine(outDir, Path.GetFileNameWithoutExtension(photoPath) + ".png");

    /// <summary>Segments one photo and writes its mask into <paramref name="outDir"/> (created when missing).</summary>
    /// <param name="photoPath">A JPEG, PNG or TIFF photo.</param>
    /// <param name="outDir">The mask folder.</param>
    /// <param name="parameters">The baseline's parameters.</param>
    /// <returns>The path of the mask written.</returns>
    /// <exception cref="ImageFileException">The photo cannot be read or the mask cannot be written.</exception>
    /// <exception cref="ArgumentException">The photo is smaller than 2x2 or a parameter is out of range.</exception>
    public static string SegmentFile(string photoPath, string outDir, FrangiParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(photoPath);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentNullException.ThrowIfNull(parameters);
        Directory.CreateDirectory(outDir);
        using var photo = ImageFile.ReadRgb(photoPath);
        using var mask = FrangiSegmenter.Segment(photo, parameters);
        var maskPath = MaskPath(photoPath, outDir);
        ImageFile.Write(maskPath, mask);
        return maskPath;
    }
}

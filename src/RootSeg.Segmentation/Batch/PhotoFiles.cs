using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Batch;

/// <summary>Finds the photos a batch run works on.</summary>
public static class PhotoFiles
{
    /// <summary>
    /// The photo at <paramref name="path"/>, or the photos directly inside the folder <paramref name="path"/>
    /// (by <see cref="ImageFiles"/>' rule: an image extension, not hidden), sorted by file name in ordinal order so that every machine of a
    /// sharded run sees the same list.
    /// </summary>
    /// <param name="path">A photo file or a folder.</param>
    /// <returns>Full paths, sorted; never empty.</returns>
    /// <exception cref="FileNotFoundException">The path is neither a file nor a folder, or the folder holds no photo
    /// (the message says so, and names the sub-folders when photos are only there).</exception>
    public static IReadOnlyList<string> List(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }
        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }
        var photos = ImageFiles.InFolder(path);
        if (photos.Count > 0)
        {
            return photos;
        }
        var folders = Directory.EnumerateDirectories(path).Count();
        throw new FileNotFoundException(folders == 0
            ? $"{path}: no photos in this folder (.jpg .jpeg .png .tif .tiff)"
            : $"{path}: no photos in this folder, only {folders} sub-folder(s); give the folder that holds the photos", path);
    }
}

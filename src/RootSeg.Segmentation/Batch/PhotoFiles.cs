namespace RootSeg.Segmentation.Batch;

/// <summary>Finds the photos a batch run works on.</summary>
public static class PhotoFiles
{
    /// <summary>Extensions taken as photos (case-insensitive).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".tif", ".tiff"];

    /// <summary>
    /// The photo at <paramref name="path"/>, or the photos directly inside the folder <paramref name="path"/>
    /// (by extension, see <see cref="Extensions"/>), sorted by file name in ordinal order so that every machine of a
    /// sharded run sees the same list.
    /// </summary>
    /// <param name="path">A photo file or a folder.</param>
    /// <returns>Full paths, sorted.</returns>
    /// <exception cref="FileNotFoundException">The path is neither a file nor a folder.</exception>
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
        return Directory.EnumerateFiles(path)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
    }
}

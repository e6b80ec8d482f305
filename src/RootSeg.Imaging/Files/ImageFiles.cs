namespace RootSeg.Imaging.Files;

/// <summary>
/// The one rule for which files of a folder are images (photos, annotations, masks) that every command lists:
/// a JPEG, PNG or TIFF extension, and not hidden. Hidden files (a name starting with '.') are left out, among them
/// the <c>._NAME.png</c> AppleDouble files that macOS leaves beside every file copied to a foreign disk, which carry
/// an image extension but no image.
/// </summary>
public static class ImageFiles
{
    /// <summary>Extensions taken as images (compared without regard to case).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".tif", ".tiff"];

    /// <summary>Whether <paramref name="path"/> names an image file by this rule (only its name is looked at).</summary>
    /// <param name="path">A file path or name.</param>
    public static bool IsImageName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        return name.Length > 0 && name[0] != '.'
            && Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The image files directly inside <paramref name="folder"/> (not in its sub-folders), as full paths sorted by
    /// file name in ordinal order, so that every machine sees the same list.
    /// </summary>
    /// <param name="folder">An existing folder.</param>
    /// <returns>Full paths, sorted; empty when the folder holds no image.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message names it.</exception>
    public static IReadOnlyList<string> InFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder");
        }
        return Directory.EnumerateFiles(folder)
            .Where(IsImageName)
            .Select(Path.GetFullPath)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
    }
}

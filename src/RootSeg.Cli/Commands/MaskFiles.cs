using RootSeg.Imaging.Files;

namespace RootSeg.Cli.Commands;

/// <summary>
/// The mask images of a folder keyed by file stem (<see cref="ImageFiles"/>' rule, so hidden and macOS '._' files are
/// left out), leaving out the probability and overlay images of segment.
/// </summary>
internal static class MaskFiles
{
    public static SortedDictionary<string, string> ByStem(string directory, string option)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such folder ({option})");
        }
        var masks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in ImageFiles.InFolder(directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".prob.png", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".overlay.jpg", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var stem = Path.GetFileNameWithoutExtension(path);
            if (!masks.TryAdd(stem, path))
            {
                throw new InvalidDataException($"{path}: another file in {directory} has the stem '{stem}' ({masks[stem]})");
            }
        }
        return masks;
    }
}

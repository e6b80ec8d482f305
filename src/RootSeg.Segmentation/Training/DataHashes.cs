using System.Security.Cryptography;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Training;

/// <summary>SHA-256 fingerprints of a run's data files, recorded in checkpoints and model descriptions.</summary>
public static class DataHashes
{
    /// <summary>
    /// Hashes the photo and annotation files of <paramref name="pairs"/>, keyed by their paths relative to
    /// <paramref name="root"/> with '/' separators, in ordinal key order.
    /// </summary>
    /// <param name="root">The dataset folder.</param>
    /// <param name="pairs">The pairs used by the run.</param>
    /// <returns>Lower-case hexadecimal SHA-256 of each file.</returns>
    /// <exception cref="IOException">A file cannot be read; the message names it.</exception>
    public static IReadOnlyDictionary<string, string> Of(string root, IEnumerable<DatasetPair> pairs)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            foreach (var path in new[] { pair.PhotoPath, pair.AnnotationPath })
            {
                result[Path.GetRelativePath(root, path).Replace('\\', '/')] = Hash(path);
            }
        }
        return result;
    }

    private static string Hash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot be read: {e.Message}", e);
        }
    }
}

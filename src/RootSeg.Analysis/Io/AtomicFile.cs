using System.Text;

namespace RootSeg.Analysis.Io;

/// <summary>
/// Writes whole files so that readers see either the old contents or the new ones, never a half-written file: the
/// text goes to a temporary file in the destination folder, which is then renamed over the destination.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>.</summary>
    /// <param name="path">Destination file; its folder must exist.</param>
    /// <param name="text">The whole file contents.</param>
    /// <param name="argumentName">The caller's name for <paramref name="path"/>, used in error messages.</param>
    /// <exception cref="ArgumentException">The path is empty or its folder does not exist.</exception>
    public static void WriteAllText(string path, string text, string argumentName = "path")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, argumentName);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder", argumentName);
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"cannot write '{path}': folder '{folder}' does not exist", argumentName);
        }
        // The temporary file sits beside the destination so that the final rename never crosses file systems.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

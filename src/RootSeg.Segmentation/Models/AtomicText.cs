using System.Text;

namespace RootSeg.Segmentation.Models;

/// <summary>
/// Writes a text file under a temporary name beside its destination and renames it into place, so that a reader
/// (or a run resumed after a crash) never sees half of it.
/// </summary>
internal static class AtomicText
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The folder is missing or the file cannot be written; the message names the path.</exception>
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new IOException($"{path}: folder '{folder}' does not exist");
        }
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot be written: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}

namespace RootSeg.Imaging.Codecs;

/// <summary>
/// Writes a file under a temporary name beside its destination, then renames it into place, so that a reader never
/// sees a half-written image (rename is atomic within one file system).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a temporary path and moves the result to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        var (full, temporary) = Prepare(path);
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw e as ImageFileException ?? new ImageFileException(path, $"cannot be written: {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> content)
    {
        var (full, temporary) = Prepare(path);
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(content);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ImageFileException(path, $"cannot be written: {e.Message}", e);
        }
    }

    private static (string Full, string Temporary) Prepare(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ImageFileException(path, "is not a valid file path", e);
        }
        if (Directory.Exists(full))
        {
            throw new ImageFileException(path, "is a directory");
        }
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new ImageFileException(path, $"the folder {directory} does not exist");
        }
        return (full, Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // The temporary file is hidden and uniquely named: a leftover harms nothing, and the first error matters more.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

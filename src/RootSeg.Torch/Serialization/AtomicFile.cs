namespace RootSeg.Torch.Serialization;

/// <summary>
/// Writes a file under a temporary name in the target's folder and moves it into place, so a reader never sees a
/// half-written weight file and a failed write leaves any earlier file untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Creates <paramref name="path"/> with the bytes <paramref name="write"/> puts into the stream.</summary>
    /// <exception cref="WeightFileException">The folder is missing or the file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new WeightFileException(path, "has no parent folder");
        if (!Directory.Exists(folder))
        {
            throw new WeightFileException(path, $"folder '{folder}' does not exist");
        }
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException e)
        {
            throw new WeightFileException(path, $"cannot be written: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WeightFileException(path, $"cannot be written: {e.Message}", e);
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

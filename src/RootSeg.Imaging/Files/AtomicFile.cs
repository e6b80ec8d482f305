using System.Text;

namespace RootSeg.Imaging.Files;

/// <summary>
/// Writes whole files so that a reader (or a run resumed after a crash, a full disk or a kill) sees either the old
/// contents or the new ones, never half a file: the bytes go to a hidden, uniquely named temporary file in the
/// destination's folder, are flushed to the disk, and the temporary file is renamed over the destination (atomic
/// within one file system). A failed write deletes the temporary file and leaves any earlier file untouched.
/// The one atomic-write helper of the libraries above RootSeg.Torch (which keeps its own, having no dependency).
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates <paramref name="path"/> with the bytes that <paramref name="write"/> puts into the stream.</summary>
    /// <param name="path">Destination; its folder must exist. An existing file is replaced.</param>
    /// <param name="write">Writes the whole content; exceptions it throws propagate after the clean-up.</param>
    /// <exception cref="IOException">The path is not valid, names a folder, its folder is missing, or the file cannot be
    /// written (disk full, no permission); the message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteThroughPath(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (see <see cref="Write"/>).</summary>
    /// <exception cref="IOException">As for <see cref="Write"/>.</exception>
    public static void WriteBytes(string path, ReadOnlySpan<byte> content)
    {
        var copy = content.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark (see <see cref="Write"/>).</summary>
    /// <exception cref="IOException">As for <see cref="Write"/>.</exception>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteBytes(path, Utf8NoBom.GetBytes(text));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a temporary path beside <paramref name="path"/> (for encoders that open the
    /// file themselves) and moves the file it made into place.
    /// </summary>
    /// <exception cref="IOException">As for <see cref="Write"/>; an <see cref="Codecs.ImageFileException"/> thrown by
    /// <paramref name="write"/> propagates as it is.</exception>
    public static void WriteThroughPath(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException e) when (e is not Codecs.ImageFileException)
        {
            TryDelete(temporary);
            throw new IOException($"{path}: cannot be written: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temporary);
            throw new IOException($"{path}: cannot be written: {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static (string Full, string Temporary) Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"{path}: is not a valid file path", e);
        }
        if (Directory.Exists(full))
        {
            throw new IOException($"{path}: is a directory, not a file");
        }
        var folder = Path.GetDirectoryName(full) ?? throw new IOException($"{path}: has no parent folder");
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{path}: cannot be written: the folder {folder} does not exist");
        }
        return (full, Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is hidden and uniquely named: a leftover harms nothing, and the first error matters more.
        }
    }
}

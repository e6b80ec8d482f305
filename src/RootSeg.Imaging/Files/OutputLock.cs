namespace RootSeg.Imaging.Files;

/// <summary>
/// One writer per output: a run holds the lock of its output folder (or output file) from before it reads or writes
/// the output's manifest until it ends, so that two runs with different settings never mix their outputs, while the
/// shards of one run (same command and settings, <see cref="OutputRun.Shareable"/>) write side by side.
/// </summary>
/// <remarks>
/// Each run keeps a file of its own beside the output, <c>.rootseg-run.HOST.PID.N</c> (in the folder, or
/// <c>.NAME.rootseg-run...</c> beside an output file), that records the run (<see cref="OutputRun"/>) and that it holds
/// open under a shared flock(2) lock for its whole life (.NET takes that lock on Unix for every file opened with a
/// FileShare other than None, an exclusive one for None). The kernel drops the lock when the process ends, however it
/// ends (exit, crash, kill -9), so a run file whose lock can be taken exclusively is stale: its run is gone, and the
/// file is removed. A run makes and locks its file under a name the others do not read (<c>.rootseg-new...</c>), moves
/// it into place, and only then reads the others' files: of two runs starting at once, the later reader always sees
/// the earlier one's file, so they cannot both miss each other (when each sees the other and they may not share, both
/// are refused). Nothing but the live runs' files is left in the folder. flock works across the machines of a
/// cluster on NFS (Linux emulates it with NFS byte-range locks) and on Lustre or GPFS with their lock options; the
/// host name in each record tells runs of different machines apart.
/// </remarks>
public sealed class OutputLock : IDisposable
{
    // A lock held by another open file: .NET on Linux reports flock's EWOULDBLOCK (errno 11) as the IOException's
    // HResult; Windows' sharing violation is kept for completeness.
    private static bool HeldElsewhere(IOException e) => e.HResult is 11 or unchecked((int)0x80070020);
    private static int s_counter;

    private readonly FileStream _file;
    private readonly string _path;
    private bool _disposed;

    private OutputLock(FileStream file, string path, OutputRun run, IReadOnlyList<OutputRun> sharing, IReadOnlyList<string> staleRemoved)
    {
        (_file, _path, Run, Sharing, StaleRemoved) = (file, path, run, sharing, staleRemoved);
    }

    /// <summary>This run, as its lock file records it.</summary>
    public OutputRun Run { get; }

    /// <summary>The live runs of the same settings that write beside this one (other shards).</summary>
    public IReadOnlyList<OutputRun> Sharing { get; }

    /// <summary>The lock files of ended runs that were found and removed.</summary>
    public IReadOnlyList<string> StaleRemoved { get; }

    /// <summary>The path of this run's lock file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Takes the lock of the output folder <paramref name="folder"/> (created when missing) for <paramref name="run"/>:
    /// refuses when a live run holds it that may not share it, removes the files of ended runs, and records this run.
    /// Dispose the lock when the run ends.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="run">This run (<see cref="OutputRun.OfThisProcess"/>).</param>
    /// <exception cref="OutputInUseException">A live run holds the output and may not share it; the message names it.</exception>
    /// <exception cref="IOException">The folder or the lock files cannot be made, or file locks do not work on this
    /// file system; the message names the folder.</exception>
    public static OutputLock ForFolder(string folder, OutputRun run)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"{folder}: the output folder cannot be created: {e.Message}", e);
        }
        return Acquire(folder, folder, ".rootseg-", run);
    }

    /// <summary>As <see cref="ForFolder"/>, for one output file (a CSV, a JSON report): the lock files lie beside it,
    /// named after it, so that other outputs of the same folder are not locked with it.</summary>
    /// <param name="file">The output file; its folder must exist.</param>
    /// <param name="run">This run.</param>
    /// <exception cref="OutputInUseException">A live run holds the file and may not share it.</exception>
    /// <exception cref="IOException">The lock files cannot be made, or file locks do not work here.</exception>
    public static OutputLock ForFile(string file, OutputRun run)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        return Beside(file, file, run);
    }

    // The lock of an output named outputName, with its lock files beside the file at path (an output file, or its
    // manifest).
    internal static OutputLock Beside(string path, string outputName, OutputRun run)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Acquire(outputName, folder, $".{Path.GetFileName(path)}.rootseg-", run);
    }

    private static OutputLock Acquire(string output, string folder, string prefix, OutputRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var name = $"{run.Host}.{run.ProcessId}.{Interlocked.Increment(ref s_counter)}";
        var file = Create(output, Path.Combine(folder, $"{prefix}new.{name}"), run);
        var path = Path.Combine(folder, $"{prefix}run.{name}");
        try
        {
            File.Move(file.Name, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon(file, file.Name);
            throw new IOException($"{output}: cannot write the lock file {path}: {e.Message}", e);
        }
        var sharing = new List<OutputRun>();
        var stale = new List<string>();
        try
        {
            // Files of runs killed before they moved theirs into place are only removed, once they are a minute old
            // (a younger one may belong to a run between creating and locking it).
            foreach (var unfinished in Directory.EnumerateFiles(folder, prefix + "new.*"))
            {
                if (File.GetLastWriteTimeUtc(unfinished) < DateTime.UtcNow - TimeSpan.FromMinutes(1))
                {
                    TryRemoveStale(unfinished);
                }
            }
            foreach (var other in Directory.EnumerateFiles(folder, prefix + "run.*").Order(StringComparer.Ordinal))
            {
                if (other == path)
                {
                    continue;
                }
                if (TryRemoveStale(other))
                {
                    stale.Add(other);
                    continue;
                }
                var record = ReadRun(other) ?? new OutputRun { Command = "unknown", Settings = new Dictionary<string, string>(), CommandLine = other };
                if (!run.CanShareWith(record))
                {
                    throw new OutputInUseException(output, record, run);
                }
                sharing.Add(record);
            }
        }
        catch
        {
            Abandon(file, path);
            throw;
        }
        return new OutputLock(file, path, run, sharing, stale);
    }

    private static void Abandon(FileStream file, string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind unlocked: the next run removes it as stale.
        }
        file.Dispose();
    }

    /// <summary>Releases the lock and removes this run's file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // The lock goes with the handle; a file left behind is stale and the next run removes it.
        Abandon(_file, _path);
    }

    // A run file that can be locked exclusively has no live holder: its process ended without removing it.
    private static bool TryRemoveStale(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            File.Delete(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            return false;
        }
    }

    private static OutputRun? ReadRun(string path)
    {
        try
        {
            return OutputRun.FromJson(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStream Create(string output, string path, OutputRun run)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            file.Write(System.Text.Encoding.UTF8.GetBytes(run.ToJson() + "\n"));
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{output}: cannot write the lock file {path}: {e.Message}", e);
        }
        // Without working file locks (DOTNET_SYSTEM_IO_DISABLEFILELOCKING, or a file system without them) a second
        // open for exclusive use succeeds, and every later run would take this one for ended.
        try
        {
            using var second = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            return file;
        }
        file.Dispose();
        File.Delete(path);
        throw new IOException($"{output}: file locks do not work here (DOTNET_SYSTEM_IO_DISABLEFILELOCKING set, or a file " +
                              "system without flock), so concurrent runs could not be told apart");
    }
}

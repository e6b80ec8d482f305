using System.Text.Json.Serialization;
using System.Text.Json;
using RootSeg.Baseline.Optimization;
using RootSeg.Imaging.Files;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The resumable log of a Frangi search: the search's identity (seed and training images), the full CMA-ES state
/// after the last complete generation and one line of progress per generation. It is rewritten whole after every
/// generation (temporary file, then move), so an interrupted search loses at most the generation in flight and
/// resumes from the file exactly as if it had not stopped.
/// </summary>
public sealed record FrangiSearchLog
{
    /// <summary>The version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The search's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The stems of the training images, in order.</summary>
    public required IReadOnlyList<string> TrainingImages { get; init; }

    /// <summary>The CMA-ES state after the last complete generation.</summary>
    public required CmaEsState State { get; init; }

    /// <summary>Progress after each generation, oldest first.</summary>
    public required IReadOnlyList<FrangiSearchProgress> History { get; init; }

    /// <summary>Writes the log under a temporary name and moves it into place.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Reads a log written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a search log of this version; the message names it.</exception>
    public static FrangiSearchLog Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FrangiSearchLog? log;
        try
        {
            log = JsonSerializer.Deserialize<FrangiSearchLog>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a Frangi search log: {e.Message}", e);
        }
        if (log is null)
        {
            throw new InvalidDataException($"{path}: not a Frangi search log (null)");
        }
        if (log.Version != CurrentVersion || log.State.Version != CmaEsState.CurrentVersion)
        {
            throw new InvalidDataException(
                $"{path}: search log version {log.Version}; this build reads version {CurrentVersion}");
        }
        return log;
    }
}

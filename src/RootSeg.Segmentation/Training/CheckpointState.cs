using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Everything besides tensors that a resumed run needs to continue exactly: options, how far training got, the
/// learning-rate scheduler, the best validation F1, the log so far, and what fixed the floating-point and random
/// streams. Tile sampling, shuffling and augmentation draw from generators derived from (seed, epoch, tile) alone,
/// so the seed and the epoch position are their whole random state; libtorch's generator is only used to
/// initialise the weights, which the checkpoint holds.
/// </summary>
public sealed record CheckpointState
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Key of the state in the checkpoint's safetensors metadata.</summary>
    public const string MetadataKey = "rootseg.checkpoint";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Schema version of the document.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The run's options.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>Epochs finished (trained and validated).</summary>
    public required int CompletedEpochs { get; init; }

    /// <summary>The interrupted epoch, or null when the checkpoint was taken at an epoch end.</summary>
    public EpochProgress? InProgress { get; init; }

    /// <summary>The optimiser's learning rate for the next step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Scheduler steps taken (one per finished epoch).</summary>
    public required int SchedulerEpoch { get; init; }

    /// <summary>Best validation F1 so far; NaN before any defined one.</summary>
    public double BestF1 { get; init; } = double.NaN;

    /// <summary>Optimiser steps of the completed epochs (the position of a per-step schedule).</summary>
    public long CompletedSteps { get; init; }

    /// <summary>
    /// Epochs the decaying schedule spans, as planned when the current epoch started (the options' epochs, or fewer
    /// to fit the time budget); null before the first epoch.
    /// </summary>
    public int? PlannedEpochs { get; init; }

    /// <summary>Epoch of <see cref="BestF1"/>, or null.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The log so far.</summary>
    public IReadOnlyList<EpochRecord> Records { get; init; } = [];

    /// <summary>
    /// libtorch intra-op threads of the run; CPU reductions split by thread, so bit-for-bit resumption needs the same.
    /// </summary>
    public required int Threads { get; init; }

    /// <summary>Device the run trained on.</summary>
    public required string Device { get; init; }

    /// <summary>libtorch version.</summary>
    public string? TorchVersion { get; init; }

    /// <summary>RootSeg version.</summary>
    public string? RootSegVersion { get; init; }

    /// <summary>SHA-256 of each data file, keyed by path relative to the dataset folder.</summary>
    public IReadOnlyDictionary<string, string> DataHashes { get; init; } = new Dictionary<string, string>();

    /// <summary>The state as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a state written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">Named in error messages.</param>
    /// <exception cref="InvalidDataException">Malformed, or from a newer schema.</exception>
    public static CheckpointState FromJson(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: the checkpoint state is not valid JSON: {e.Message}", e);
        }
        if (state is null)
        {
            throw new InvalidDataException($"{origin}: the checkpoint state is empty");
        }
        if (state.SchemaVersion < 1 || state.SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"{origin}: checkpoint schema version {state.SchemaVersion} is not supported (this RootSeg reads 1 to {CurrentSchemaVersion})");
        }
        return state;
    }
}

using System.Text.Json.Serialization;
using System.Text.Json;
using RootSeg.Imaging.Files;

namespace RootSeg.Baseline.Optimization;

/// <summary>
/// Everything a <see cref="CmaEs"/> holds between generations, as plain data: a run restored from it with
/// <see cref="CmaEs.FromState"/> continues exactly as the saved one would have (the generator state included).
/// JSON doubles round-trip exactly, so a state written to a file and read back loses nothing.
/// </summary>
public sealed record CmaEsState
{
    /// <summary>The file format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Format version, <see cref="CurrentVersion"/>.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The run's options.</summary>
    public required CmaEsOptions Options { get; init; }

    /// <summary>The mean m (unrepaired: it may lie outside the bounds).</summary>
    public required double[] Mean { get; init; }

    /// <summary>The step size sigma.</summary>
    public required double Sigma { get; init; }

    /// <summary>The covariance matrix C, row by row.</summary>
    public required double[][] Covariance { get; init; }

    /// <summary>The eigenvectors B of C at the last decomposition, row by row.</summary>
    public required double[][] EigenVectors { get; init; }

    /// <summary>The diagonal of D (square roots of C's eigenvalues) at the last decomposition.</summary>
    public required double[] EigenRoots { get; init; }

    /// <summary>The evolution path p_sigma of step-size control.</summary>
    public required double[] PathSigma { get; init; }

    /// <summary>The evolution path p_c of the rank-one update.</summary>
    public required double[] PathC { get; init; }

    /// <summary>Generations completed.</summary>
    public required int Generation { get; init; }

    /// <summary>The generation at which B and D were last computed.</summary>
    public required int EigenGeneration { get; init; }

    /// <summary>Objective evaluations made.</summary>
    public required long Evaluations { get; init; }

    /// <summary>The generator's four state words.</summary>
    public required ulong[] Random { get; init; }

    /// <summary>The best feasible point so far, or null before the first generation.</summary>
    public double[]? BestX { get; init; }

    /// <summary>The objective at <see cref="BestX"/> (positive infinity before the first generation).</summary>
    public required double BestValue { get; init; }

    /// <summary>Each generation's best objective value, oldest first (at most the stagnation history).</summary>
    public required double[] BestHistory { get; init; }

    /// <summary>Each generation's median objective value, oldest first.</summary>
    public required double[] MedianHistory { get; init; }

    /// <summary>Why the run stopped, or <see cref="CmaEsStopReason.None"/>.</summary>
    public required CmaEsStopReason StopReason { get; init; }

    /// <summary>Writes the state as JSON to a temporary file beside <paramref name="path"/>, then moves it into place,
    /// so a reader never sees half a state.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteText(path, ToJson());
    }

    /// <summary>The state as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a state written by <see cref="Save"/>.</summary>
    /// <param name="path">A JSON file.</param>
    /// <exception cref="InvalidDataException">The file is not a CMA-ES state of a version this code reads.</exception>
    public static CmaEsState Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Parses JSON made by <see cref="ToJson"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not a CMA-ES state of a version this code reads.</exception>
    public static CmaEsState FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        CmaEsState? state;
        try
        {
            state = JsonSerializer.Deserialize<CmaEsState>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a CMA-ES state: {e.Message}", e);
        }
        if (state is null)
        {
            throw new InvalidDataException($"{source}: not a CMA-ES state (null)");
        }
        if (state.Version != CurrentVersion)
        {
            throw new InvalidDataException(
                $"{source}: CMA-ES state version {state.Version}; this build reads version {CurrentVersion}");
        }
        return state;
    }
}

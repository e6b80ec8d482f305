using System.Text.Json.Serialization;
using System.Text.Json;
using RootSeg.Imaging.Files;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The parameters file written by <c>rootseg frangi search</c> and read by <c>rootseg frangi segment</c>: versioned
/// JSON holding the five parameters and, when a search made them, how (objective, evaluations, seed, images).
/// </summary>
public sealed record FrangiParametersFile
{
    /// <summary>The format name every file carries.</summary>
    public const string FormatName = "rootseg-frangi-parameters";

    /// <summary>The version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The parameters.</summary>
    public required FrangiParameters Parameters { get; init; }

    /// <summary>The search that found them, or null when written by hand.</summary>
    public FrangiSearchSummary? Search { get; init; }

    /// <summary>Writes the file under a temporary name and moves it into place.</summary>
    /// <param name="path">Destination; its folder must exist.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Parameters.Validate(path);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Reads and checks a parameters file.</summary>
    /// <param name="path">A file written by <see cref="Save"/>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a parameters file of this version, or a parameter is
    /// out of range; the message names the file.</exception>
    public static FrangiParametersFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such parameters file", path);
        }
        FrangiParametersFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FrangiParametersFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a Frangi parameters file: {e.Message}", e);
        }
        if (file is null || file.Format != FormatName)
        {
            throw new InvalidDataException($"{path}: not a Frangi parameters file (format is not '{FormatName}')");
        }
        if (file.Version != CurrentVersion)
        {
            throw new InvalidDataException(
                $"{path}: parameters file version {file.Version}; this build reads version {CurrentVersion}");
        }
        try
        {
            file.Parameters.Validate(path);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        return file;
    }
}

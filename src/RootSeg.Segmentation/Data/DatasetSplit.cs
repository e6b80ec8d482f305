using System.Text.Json.Serialization;
using System.Text.Json;
using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// Which images of a dataset are for training, validation and testing, and which are left out: the hand-over
/// between <c>rootseg split</c> and training/evaluation, kept as versioned JSON (<c>DIR/split.json</c>).
/// </summary>
/// <remarks>
/// Lists hold file stems, sorted (ordinal). The JSON also records how the split was made (mode, seed, counts or
/// fractions asked for) so it can be made again, and the list sizes, checked on reading.
/// </remarks>
public sealed record DatasetSplit
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The customary file name inside a dataset folder.</summary>
    public const string FileName = "split.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The schema version of the JSON.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>How the split was made.</summary>
    public required SplitMode Mode { get; init; }

    /// <summary>The seed of the random choices.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Paper mode: the number of test images asked for.</summary>
    public int? TestCount { get; init; }

    /// <summary>Paper mode: the number of validation images asked for.</summary>
    public int? ValidationCount { get; init; }

    /// <summary>Random mode: the fractions asked for (train, validation, test).</summary>
    public SplitFractions? Fractions { get; init; }

    /// <summary>The size of each list.</summary>
    public SplitCounts Counts => new(Train.Count, Validation.Count, Test.Count, Excluded.Count);

    /// <summary>Training stems.</summary>
    public required IReadOnlyList<string> Train { get; init; }

    /// <summary>Validation stems.</summary>
    public required IReadOnlyList<string> Validation { get; init; }

    /// <summary>Test stems.</summary>
    public required IReadOnlyList<string> Test { get; init; }

    /// <summary>Stems left out of every list.</summary>
    public required IReadOnlyList<string> Excluded { get; init; }

    /// <summary>
    /// Writes the split as JSON to <paramref name="path"/> atomically: to a temporary file beside it, then moved
    /// into place, so no reader ever sees half a file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteText(path, ToJson() + "\n");
    }

    /// <summary>The JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Document(this), Json);

    /// <summary>Reads and checks a split file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid split of a supported version; the message names the file.
    /// </exception>
    public static DatasetSplit Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"split file {path} does not exist", path);
        }
        try
        {
            return FromJson(File.ReadAllText(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses and checks split JSON.</summary>
    /// <exception cref="InvalidDataException">Malformed, an unsupported version, or inconsistent lists.</exception>
    public static DatasetSplit FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a valid split: {e.Message}", e);
        }
        if (document is null)
        {
            throw new InvalidDataException("not a valid split: the JSON is null");
        }
        if (document.SchemaVersion != CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"split schema version {document.SchemaVersion} is not supported (this build reads {CurrentSchemaVersion})");
        }
        var split = new DatasetSplit
        {
            Mode = document.Mode ?? throw new InvalidDataException("the split has no mode"),
            Seed = document.Seed ?? throw new InvalidDataException("the split has no seed"),
            TestCount = document.TestCount,
            ValidationCount = document.ValidationCount,
            Fractions = document.Fractions,
            Train = document.Train ?? throw new InvalidDataException("the split has no train list"),
            Validation = document.Validation ?? throw new InvalidDataException("the split has no validation list"),
            Test = document.Test ?? throw new InvalidDataException("the split has no test list"),
            Excluded = document.Excluded ?? [],
        };
        if (document.Counts is { } counts && counts != split.Counts)
        {
            throw new InvalidDataException($"the counts {counts} do not match the lists {split.Counts}");
        }
        split.CheckDisjoint();
        return split;
    }

    /// <summary>Throws when a stem appears twice, in one list or across lists.</summary>
    /// <exception cref="InvalidDataException">Names the stem and its lists.</exception>
    public void CheckDisjoint()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new[] { ("train", Train), ("validation", Validation), ("test", Test), ("excluded", Excluded) };
        foreach (var (name, list) in lists)
        {
            foreach (var stem in list)
            {
                if (!seen.TryAdd(stem, name))
                {
                    throw new InvalidDataException($"'{stem}' is listed in {seen[stem]} and again in {name}");
                }
            }
        }
    }

    /// <summary>The serialised shape: nullable members so that missing ones are reported, not defaulted.</summary>
    private sealed class Document
    {
        public Document()
        {
        }

        public Document(DatasetSplit split)
        {
            SchemaVersion = split.SchemaVersion;
            Mode = split.Mode;
            Seed = split.Seed;
            TestCount = split.TestCount;
            ValidationCount = split.ValidationCount;
            Fractions = split.Fractions;
            Counts = split.Counts;
            Train = split.Train;
            Validation = split.Validation;
            Test = split.Test;
            Excluded = split.Excluded;
        }

        public int SchemaVersion { get; set; }

        public SplitMode? Mode { get; set; }

        public ulong? Seed { get; set; }

        public int? TestCount { get; set; }

        public int? ValidationCount { get; set; }

        public SplitFractions? Fractions { get; set; }

        public SplitCounts? Counts { get; set; }

        public IReadOnlyList<string>? Train { get; set; }

        public IReadOnlyList<string>? Validation { get; set; }

        public IReadOnlyList<string>? Test { get; set; }

        public IReadOnlyList<string>? Excluded { get; set; }
    }
}

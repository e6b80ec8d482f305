using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Batch;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// What one shard of a sharded analysis (<see cref="AnalysisOptions.Shard"/>) found, written by the shard as
/// <see cref="AnalysisFiles.Part"/> when it has measured all its photos and read by <see cref="AnalysisMerge"/>:
/// the settings, the size and a hash of the whole photo list (so that shards which saw different folders are never
/// merged), and for each of its photos, by its position in the whole list, the mask it measured, the measurement or
/// why the photo was left out. Numbers are written in round-trip form, so the merge writes the bytes one process would.
/// </summary>
internal sealed record AnalysisPart
{
    /// <summary>The schema name written into every part.</summary>
    public const string SchemaName = "rootseg.analyse-part/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Derived properties (a grid's crossings, a scale's mm per pixel) are left out: they follow from the others.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    foreach (var derived in type.Properties.Where(p => p.Set is null && p.AssociatedParameter is null).ToList())
                    {
                        type.Properties.Remove(derived);
                    }
                },
            },
        },
    };

    /// <summary>The part's schema.</summary>
    public string Schema { get; init; } = SchemaName;

    /// <summary>The shard that wrote the part.</summary>
    public required ShardSpec Shard { get; init; }

    /// <summary>Photos in the whole list that the shards share out.</summary>
    public required int PhotoCount { get; init; }

    /// <summary>The whole list's hash (<see cref="ListHash"/>).</summary>
    public required string PhotoListSha256 { get; init; }

    /// <summary>The options of the shard's run.</summary>
    public required AnalysisOptions Options { get; init; }

    /// <summary>The settings text (<see cref="AnalysisManifest.Settings"/>), the same in every part of one run.</summary>
    public required string Settings { get; init; }

    /// <summary>The masks the shard measured, or tried to.</summary>
    public required IReadOnlyList<PartMask> Masks { get; init; }

    /// <summary>Photos left out before measuring: not segmented, no mask, no depth.</summary>
    public required IReadOnlyList<PartProblem> LeftOut { get; init; }

    /// <summary>The measured photos.</summary>
    public required IReadOnlyList<PartMeasurement> Measured { get; init; }

    /// <summary>Masks that could not be measured.</summary>
    public required IReadOnlyList<PartProblem> MeasureFailures { get; init; }

    /// <summary>The shard's inputs text (<see cref="AnalysisManifest.Inputs"/>), which a rerun of the shard compares.</summary>
    public string Inputs() => AnalysisManifest.Inputs(Settings,
        Masks.Select(m => (Path.GetFileNameWithoutExtension(m.Photo), m.Mask)), LeftOut.Select(l => (l.Photo, l.Problem)));

    /// <summary>The SHA-256 of the file names of <paramref name="photos"/>, one a line, in order.</summary>
    public static string ListHash(IEnumerable<string> photos)
    {
        var names = string.Concat(photos.Select(p => Path.GetFileName(p) + "\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(names)));
    }

    /// <summary>Writes the part to <paramref name="path"/> atomically (its folder is created).</summary>
    /// <exception cref="IOException">It cannot be written; the message names it.</exception>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Reads the part at <paramref name="path"/>, or returns null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a part this version reads; the message names it.</exception>
    public static AnalysisPart? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var part = JsonSerializer.Deserialize<AnalysisPart>(File.ReadAllText(path), Json);
            return part?.Schema == SchemaName
                ? part
                : throw new InvalidDataException($"{path}: not an analysis part ({SchemaName}); run its shard again");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a readable analysis part ({e.Message}); run its shard again", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read: {e.Message}", e);
        }
    }
}

/// <summary>A mask of an <see cref="AnalysisPart"/>.</summary>
/// <param name="Index">The photo's position in the whole sorted list.</param>
/// <param name="Photo">The photo's full path.</param>
/// <param name="Mask">The mask as it was measured.</param>
internal sealed record PartMask(int Index, string Photo, MaskStamp Mask);

/// <summary>A photo of an <see cref="AnalysisPart"/> that was left out, and why.</summary>
/// <param name="Index">The photo's position in the whole sorted list.</param>
/// <param name="Photo">The photo's full path.</param>
/// <param name="Problem">Why, without the path.</param>
internal sealed record PartProblem(int Index, string Photo, string Problem);

/// <summary>A measured photo of an <see cref="AnalysisPart"/>.</summary>
/// <param name="Index">The photo's position in the whole sorted list.</param>
/// <param name="Result">The measurement.</param>
internal sealed record PartMeasurement(int Index, MeasuredPhoto Result);

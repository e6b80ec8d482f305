using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Annotate.Projects;

/// <summary>
/// The project file (<c>NAME.seg_proj</c>, JSON) with the fields RootPainter's client writes and reads (Smith et al.
/// 2022, "RootPainter: deep learning segmentation of biological images with corrective annotation", New Phytologist
/// 236:774-791, doi:10.1111/nph.18387): the project's name, its dataset (the photo folder's name), the starting model
/// ("random weights" when none), the project's location and the photo file names in annotation order. RootSeg adds
/// the photo folder's full path, which RootPainter finds under its own sync folder instead.
/// </summary>
public sealed record ProjectFile
{
    /// <summary>The extension RootPainter gives project files.</summary>
    public const string Extension = ".seg_proj";

    /// <summary>The project's name (also the file's stem).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The name of the photo folder.</summary>
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    /// <summary>The model training started from; "random weights" for none.</summary>
    [JsonPropertyName("original_model_file")]
    public string OriginalModelFile { get; init; } = "random weights";

    /// <summary>The project folder relative to RootPainter's sync folder (here: the folder's name).</summary>
    [JsonPropertyName("location")]
    public required string Location { get; init; }

    /// <summary>Photo file names in the order they are shown for annotation.</summary>
    [JsonPropertyName("file_names")]
    public required IReadOnlyList<string> FileNames { get; init; }

    /// <summary>Full path of the photo folder (RootSeg's addition; RootPainter ignores unknown keys).</summary>
    [JsonPropertyName("rootseg_photos")]
    public string? PhotoDirectory { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reads a project file.</summary>
    /// <param name="path">The .seg_proj file.</param>
    /// <exception cref="InvalidDataException">The file is not a project file; the message names it.</exception>
    public static ProjectFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var file = JsonSerializer.Deserialize<ProjectFile>(File.ReadAllText(path), Json);
            return file ?? throw new InvalidDataException($"{path}: empty project file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a RootPainter project file: {e.Message}", e);
        }
    }

    /// <summary>This file as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

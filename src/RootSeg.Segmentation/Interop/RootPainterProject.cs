using System.Text.Json;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Interop;

/// <summary>
/// A RootPainter project as RootPainter lays it out in its sync folder (Smith et al. 2022, New Phytologist
/// 236:774-791, doi:10.1111/nph.18387): <c>SYNC/projects/NAME/NAME.seg_proj</c> (JSON naming the dataset),
/// <c>annotations/train/</c> and <c>annotations/val/</c> (RGBA PNG, see <see cref="RootPainterColours"/>),
/// <c>segmentations/</c>, <c>models/</c>, and the photos in <c>SYNC/datasets/DATASET/</c>.
/// </summary>
/// <param name="Name">The project's name.</param>
/// <param name="ProjectDirectory">The project folder.</param>
/// <param name="DatasetDirectory">The folder of its photos.</param>
/// <param name="Train">Photos annotated for training, with their annotations, sorted by stem.</param>
/// <param name="Validation">Photos annotated for validation, sorted by stem.</param>
/// <param name="Segmentations">Segmentation files keyed by photo stem.</param>
public sealed record RootPainterProject(string Name, string ProjectDirectory, string DatasetDirectory, IReadOnlyList<DatasetPair> Train,
    IReadOnlyList<DatasetPair> Validation, IReadOnlyDictionary<string, string> Segmentations)
{
    /// <summary>The project file's extension.</summary>
    public const string ProjectFileExtension = ".seg_proj";

    /// <summary>Reads the project in <paramref name="projectDirectory"/> (the folder holding NAME.seg_proj).</summary>
    /// <exception cref="InvalidDataException">No or several project files, a project file without a dataset, a
    /// missing dataset folder, or an annotation without a photo; the message names the file.</exception>
    public static RootPainterProject Read(string projectDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        var folder = Path.GetFullPath(projectDirectory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"RootPainter project folder {folder} does not exist");
        }
        var files = Directory.GetFiles(folder, "*" + ProjectFileExtension);
        if (files.Length != 1)
        {
            throw new InvalidDataException($"{folder}: expected one {ProjectFileExtension} file, found {files.Length}");
        }
        string name, dataset;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(files[0]));
            dataset = json.RootElement.GetProperty("dataset").GetString() ?? throw new InvalidDataException($"{files[0]}: 'dataset' is null");
            name = json.RootElement.TryGetProperty("name", out var n) && n.GetString() is { } text ? text : Path.GetFileNameWithoutExtension(files[0]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{files[0]}: not a RootPainter project file ({e.Message})", e);
        }
        // location is "projects/NAME" relative to the sync folder.
        var sync = Path.GetDirectoryName(Path.GetDirectoryName(folder)) ?? folder;
        var datasetDirectory = Path.Combine(sync, "datasets", dataset);
        if (!Directory.Exists(datasetDirectory))
        {
            throw new InvalidDataException($"{files[0]}: its dataset folder {datasetDirectory} does not exist");
        }
        var photos = DatasetIndex.ImagesByStem(datasetDirectory);
        IReadOnlyList<DatasetPair> Pairs(string subset)
        {
            var annotations = Path.Combine(folder, "annotations", subset);
            if (!Directory.Exists(annotations))
            {
                return [];
            }
            return DatasetIndex.ImagesByStem(annotations).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => photos.TryGetValue(kv.Key, out var photo)
                    ? new DatasetPair(kv.Key, photo, kv.Value)
                    : throw new InvalidDataException($"{kv.Value}: no photo '{kv.Key}.*' in {datasetDirectory}"))
                .ToList();
        }
        var segmentations = Path.Combine(folder, "segmentations");
        return new RootPainterProject(name, folder, datasetDirectory, Pairs(RootPainterLayout.TrainFolder), Pairs(RootPainterLayout.ValidationFolder),
            Directory.Exists(segmentations) ? DatasetIndex.ImagesByStem(segmentations) : new Dictionary<string, string>());
    }
}

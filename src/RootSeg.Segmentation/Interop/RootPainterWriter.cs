using RootSeg.Imaging.Files;
using System.Text.Json;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;

namespace RootSeg.Segmentation.Interop;

/// <summary>
/// Writes a RootSeg dataset as a RootPainter project (<see cref="RootPainterProject"/>), so that its annotations can
/// be corrected in RootPainter (Smith et al. 2022, doi:10.1111/nph.18387): every photo into
/// <c>SYNC/datasets/DATASET/</c>, the training and validation annotations as RGBA PNG into
/// <c>SYNC/projects/NAME/annotations/train|val/</c>, masks (for example from <c>rootseg segment</c>) as RootPainter
/// segmentations, empty <c>models/</c>, <c>messages/</c> and <c>logs/</c> folders, and <c>NAME.seg_proj</c>.
/// Test photos are copied but not annotated, as RootPainter keeps no test annotations.
/// </summary>
public static class RootPainterWriter
{
    /// <summary>Writes the project; refuses to touch an existing project folder.</summary>
    /// <param name="index">The dataset.</param>
    /// <param name="train">Stems whose annotations go to <c>annotations/train</c>.</param>
    /// <param name="validation">Stems whose annotations go to <c>annotations/val</c>.</param>
    /// <param name="syncDirectory">RootPainter's sync folder (created when missing).</param>
    /// <param name="projectName">The project's name (a file name).</param>
    /// <param name="datasetName">The dataset folder's name under <c>datasets/</c> (a file name).</param>
    /// <param name="masksDirectory">Masks named by photo stem to write as segmentations, or null.</param>
    /// <returns>The project folder.</returns>
    /// <exception cref="IOException">The project or dataset folder exists already, or a file cannot be written.</exception>
    /// <exception cref="ArgumentException">A bad name, or a stem that is not a pair of the dataset.</exception>
    public static string Write(DatasetIndex index, IReadOnlyList<string> train, IReadOnlyList<string> validation, string syncDirectory,
        string projectName, string datasetName, string? masksDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentException.ThrowIfNullOrWhiteSpace(syncDirectory);
        RequireFileName(projectName, nameof(projectName));
        RequireFileName(datasetName, nameof(datasetName));
        var pairs = index.Pairs.ToDictionary(p => p.Stem, StringComparer.Ordinal);
        foreach (var stem in train.Concat(validation))
        {
            if (!pairs.ContainsKey(stem))
            {
                throw new ArgumentException($"'{stem}' is not an annotated photo of {index.Directory}", nameof(train));
            }
        }
        var project = Path.Combine(syncDirectory, "projects", projectName);
        var dataset = Path.Combine(syncDirectory, "datasets", datasetName);
        foreach (var folder in new[] { project, dataset })
        {
            if (Directory.Exists(folder))
            {
                throw new IOException($"{folder} exists already; RootPainter projects and datasets are never overwritten");
            }
        }
        Directory.CreateDirectory(dataset);
        var photos = index.Pairs.Select(p => p.PhotoPath).Concat(index.PhotosWithoutAnnotations).Order(StringComparer.Ordinal).ToList();
        foreach (var photo in photos)
        {
            File.Copy(photo, Path.Combine(dataset, Path.GetFileName(photo)));
        }
        foreach (var sub in new[] { "annotations/train", "annotations/val", "segmentations", "models", "messages", "logs" })
        {
            Directory.CreateDirectory(Path.Combine(project, sub));
        }
        WriteAnnotations(train.Select(s => pairs[s]), Path.Combine(project, "annotations", RootPainterLayout.TrainFolder));
        WriteAnnotations(validation.Select(s => pairs[s]), Path.Combine(project, "annotations", RootPainterLayout.ValidationFolder));
        if (masksDirectory is not null)
        {
            foreach (var mask in PhotoFiles.List(masksDirectory).Where(m => !Path.GetFileName(m).Contains(".prob.", StringComparison.Ordinal)
                && !Path.GetFileName(m).Contains(".overlay.", StringComparison.Ordinal)))
            {
                using var grey = ImageFile.ReadGrey(mask);
                using var binary = Analysis.Metrics.TruthLabel.FromGreyMask(grey);
                using var rgba = RootPainterColours.EncodeSegmentation(binary);
                ImageFile.Write(Path.Combine(project, "segmentations", Path.GetFileNameWithoutExtension(mask) + ".png"), rgba);
            }
        }
        var info = new Dictionary<string, object>
        {
            ["name"] = projectName,
            ["dataset"] = datasetName,
            ["original_model_file"] = "random weights",
            ["location"] = $"projects/{projectName}",
            ["file_names"] = photos.Select(Path.GetFileName).ToList(),
        };
        AtomicFile.WriteText(Path.Combine(project, projectName + RootPainterProject.ProjectFileExtension),
            JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return project;
    }

    private static void WriteAnnotations(IEnumerable<DatasetPair> pairs, string folder)
    {
        foreach (var pair in pairs)
        {
            using var annotation = AnnotationMask.Read(pair.AnnotationPath);
            using var rgba = RootPainterColours.EncodeAnnotation(annotation.Labels);
            ImageFile.Write(Path.Combine(folder, pair.Stem + ".png"), rgba);
        }
    }

    private static void RequireFileName(string name, string argument)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, argument);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid folder name", argument);
        }
    }
}

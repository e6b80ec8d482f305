using System.Text.Json;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// Reads the training images of a dataset folder for the Frangi search: <c>photos/</c> and <c>annotations/</c>
/// whose files share a stem (DESIGN.md, data conventions), optionally narrowed to the training part of a split file.
/// </summary>
public static class FrangiDataset
{
    /// <summary>The stems that have both a photo and an annotation, in ordinal order.</summary>
    /// <param name="dataDir">A folder holding <c>photos/</c> and <c>annotations/</c>.</param>
    /// <exception cref="DirectoryNotFoundException">A folder is missing; the message names it.</exception>
    public static IReadOnlyList<string> Stems(string dataDir)
    {
        var photos = Index(Path.Combine(dataDir, "photos"));
        var annotations = Index(Path.Combine(dataDir, "annotations"));
        return photos.Keys.Where(annotations.ContainsKey).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The training stems named by a split file: a JSON object whose <c>train</c> member is an array of stems.
    /// </summary>
    /// <param name="splitPath">The split file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON or has no array of strings <c>train</c>; the
    /// message names the file.</exception>
    public static IReadOnlyList<string> TrainingStems(string splitPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(splitPath);
        if (!File.Exists(splitPath))
        {
            throw new FileNotFoundException($"{splitPath}: no such split file", splitPath);
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(splitPath));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("train", out var train)
                || train.ValueKind != JsonValueKind.Array
                || train.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw new InvalidDataException($"{splitPath}: a split file needs a \"train\" array of image stems");
            }
            return train.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{splitPath}: not JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads the photos (converted to grey) and annotations of <paramref name="stems"/>.</summary>
    /// <param name="dataDir">A folder holding <c>photos/</c> and <c>annotations/</c>.</param>
    /// <param name="stems">The images to read, at least one.</param>
    /// <param name="maxDegreeOfParallelism">Images decoded at once.</param>
    /// <returns>The images in the order of <paramref name="stems"/>, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">A stem has no photo or no annotation; the message names it.</exception>
    /// <exception cref="ImageFileException">A file cannot be read or an annotation's size differs from its photo's.</exception>
    public static List<TrainingImage> Load(string dataDir, IReadOnlyList<string> stems, int maxDegreeOfParallelism = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        ArgumentNullException.ThrowIfNull(stems);
        if (stems.Count == 0)
        {
            throw new ArgumentException("no images to read", nameof(stems));
        }
        var photos = Index(Path.Combine(dataDir, "photos"));
        var annotations = Index(Path.Combine(dataDir, "annotations"));
        foreach (var stem in stems)
        {
            if (!photos.ContainsKey(stem))
            {
                throw new FileNotFoundException($"{Path.Combine(dataDir, "photos")}: no photo for '{stem}'");
            }
            if (!annotations.ContainsKey(stem))
            {
                throw new FileNotFoundException($"{Path.Combine(dataDir, "annotations")}: no annotation for '{stem}'");
            }
        }
        var images = new TrainingImage?[stems.Count];
        try
        {
            Parallel.For(0, stems.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
                images[i] = LoadOne(stems[i], photos[stems[i]], annotations[stems[i]]));
        }
        catch
        {
            foreach (var image in images)
            {
                image?.Dispose();
            }
            throw;
        }
        return images.Select(i => i!).ToList();
    }

    private static TrainingImage LoadOne(string stem, string photoPath, string annotationPath)
    {
        Raster<float> grey;
        using (var photo = ImageFile.ReadRgb(photoPath))
        {
            grey = RasterConversions.ToGreyFloat(photo);
        }
        try
        {
            using var annotation = AnnotationMask.Read(annotationPath, grey.Width, grey.Height);
            return new TrainingImage(stem, grey, annotation.Labels.Clone());
        }
        catch
        {
            grey.Dispose();
            throw;
        }
    }

    /// <summary>Image files of a folder by stem; two files with one stem are an error, as the pairing would be a
    /// guess.</summary>
    private static Dictionary<string, string> Index(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder");
        }
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ImageFiles.InFolder(folder))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            if (!index.TryAdd(stem, file))
            {
                throw new InvalidDataException($"{folder}: two images share the stem '{stem}'");
            }
        }
        return index;
    }
}

using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// The images of a dataset folder: <c>photos/</c> and <c>annotations/</c>, paired by file stem. Image files end in
/// .jpg, .jpeg, .png, .tif or .tiff (any case) and are not hidden (<see cref="ImageFiles"/>); other files are ignored.
/// Annotations may also sit in RootPainter's <c>annotations/train/</c> and <c>annotations/val/</c>
/// (<see cref="RootPainterLayout"/>).
/// </summary>
public sealed class DatasetIndex
{
    private DatasetIndex(string directory, IReadOnlyList<DatasetPair> pairs, IReadOnlyList<string> photosWithout,
        IReadOnlyList<string> annotationsWithout)
    {
        Directory = directory;
        Pairs = pairs;
        PhotosWithoutAnnotations = photosWithout;
        AnnotationsWithoutPhotos = annotationsWithout;
    }

    /// <summary>The dataset folder (full path).</summary>
    public string Directory { get; }

    /// <summary>Complete pairs, sorted by stem (ordinal).</summary>
    public IReadOnlyList<DatasetPair> Pairs { get; }

    /// <summary>Photo paths that have no annotation with the same stem.</summary>
    public IReadOnlyList<string> PhotosWithoutAnnotations { get; }

    /// <summary>Annotation paths that have no photo with the same stem.</summary>
    public IReadOnlyList<string> AnnotationsWithoutPhotos { get; }

    /// <summary>The pairs' stems, sorted.</summary>
    public IReadOnlyList<string> Stems => Pairs.Select(p => p.Stem).ToList();

    /// <summary>Scans <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder, or its photos/ or annotations/ folder, is missing.</exception>
    /// <exception cref="InvalidDataException">Two images in one folder share a stem (for example a.jpg and a.png).</exception>
    public static DatasetIndex Scan(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"dataset folder {root} does not exist");
        }
        var photos = ImagesByStem(Path.Combine(root, "photos"));
        var annotations = RootPainterLayout.Applies(root)
            ? RootPainterLayout.AnnotationsByStem(root)
            : ImagesByStem(Path.Combine(root, "annotations"));
        var pairs = photos.Keys.Where(annotations.ContainsKey).Order(StringComparer.Ordinal)
            .Select(stem => new DatasetPair(stem, photos[stem], annotations[stem])).ToList();
        var photosWithout = photos.Where(kv => !annotations.ContainsKey(kv.Key)).Select(kv => kv.Value)
            .Order(StringComparer.Ordinal).ToList();
        var annotationsWithout = annotations.Where(kv => !photos.ContainsKey(kv.Key)).Select(kv => kv.Value)
            .Order(StringComparer.Ordinal).ToList();
        return new DatasetIndex(root, pairs, photosWithout, annotationsWithout);
    }

    /// <summary>
    /// Throws unless every annotation has a photo and, unless <paramref name="untracedPhotosAllowed"/>, every photo
    /// an annotation.
    /// </summary>
    /// <param name="untracedPhotosAllowed">Photos not traced yet are no error (they stay out of the pairs).</param>
    /// <exception cref="InvalidDataException">Lists up to ten unpaired files and the total.</exception>
    public void ThrowIfIncomplete(bool untracedPhotosAllowed = false)
    {
        var lines = new List<string>();
        if (PhotosWithoutAnnotations.Count > 0 && !untracedPhotosAllowed)
        {
            lines.Add($"{PhotosWithoutAnnotations.Count} photo(s) without an annotation: " + FileNames(PhotosWithoutAnnotations));
        }
        if (AnnotationsWithoutPhotos.Count > 0)
        {
            lines.Add($"{AnnotationsWithoutPhotos.Count} annotation(s) without a photo: " + FileNames(AnnotationsWithoutPhotos));
        }
        if (lines.Count == 0)
        {
            return;
        }
        throw new InvalidDataException($"dataset {Directory} is incomplete; " + string.Join("; ", lines));
    }

    /// <summary>The file names of up to ten paths, with ", ..." when there are more.</summary>
    public static string FileNames(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(10).Select(Path.GetFileName)) + (paths.Count > 10 ? ", ..." : "");

    /// <summary>The images directly inside <paramref name="folder"/>, keyed by stem.</summary>
    internal static Dictionary<string, string> ImagesByStem(string folder)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"dataset folder {folder} does not exist");
        }
        var byStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in ImageFiles.InFolder(folder))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (byStem.TryGetValue(stem, out var other))
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(other)} and {Path.GetFileName(path)} in {folder} share the stem '{stem}'");
            }
            byStem[stem] = path;
        }
        return byStem;
    }
}

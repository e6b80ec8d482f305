using System.Collections.Concurrent;
using System.Text;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;

namespace RootSeg.Annotate.Projects;

/// <summary>
/// A project folder laid out as RootPainter's (Smith et al. 2022, doi:10.1111/nph.18387): <c>NAME.seg_proj</c>,
/// <c>annotations/train</c> and <c>annotations/val</c> (RGBA PNGs: red root, green background, transparent
/// unlabelled), <c>segmentations</c>, <c>models</c>, <c>messages</c> and <c>logs</c>. The photos stay in their own
/// folder. Safe for concurrent requests: annotation writes are serialised.
/// </summary>
public sealed class AnnotationProject
{
    private static readonly string[] PhotoExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff"];
    private readonly Dictionary<string, string> _photoPaths;
    private readonly ConcurrentDictionary<string, (int Width, int Height)> _sizes = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();

    private AnnotationProject(string directory, ProjectFile file, string photoDirectory, IReadOnlyList<string> photos)
    {
        Directory = directory;
        File = file;
        PhotoDirectory = photoDirectory;
        Photos = photos;
        _photoPaths = photos.ToDictionary(p => p, p => Path.Combine(photoDirectory, p), StringComparer.Ordinal);
    }

    /// <summary>The project folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The project file's content.</summary>
    public ProjectFile File { get; }

    /// <summary>The photo folder (full path).</summary>
    public string PhotoDirectory { get; }

    /// <summary>Photo file names in annotation order.</summary>
    public IReadOnlyList<string> Photos { get; }

    /// <summary>annotations/train.</summary>
    public string TrainDirectory => Path.Combine(Directory, "annotations", "train");

    /// <summary>annotations/val.</summary>
    public string ValidationDirectory => Path.Combine(Directory, "annotations", "val");

    /// <summary>segmentations/: one RGBA PNG per photo, made by the newest model.</summary>
    public string SegmentationDirectory => Path.Combine(Directory, "segmentations");

    /// <summary>models/: the best model and the trainer's run folder.</summary>
    public string ModelDirectory => Path.Combine(Directory, "models");

    /// <summary>
    /// Opens the project in <paramref name="directory"/>, or creates it there from the photos of
    /// <paramref name="photoDirectory"/> (RootPainter's order: sorted names, shuffled with a fixed seed).
    /// </summary>
    /// <param name="directory">The project folder; created when missing.</param>
    /// <param name="photoDirectory">The photo folder; null to use the project file's, or <c>DIR/photos</c>.</param>
    /// <returns>The project.</returns>
    /// <exception cref="InvalidDataException">No photo folder, no photos, two photos with one stem, or an unreadable
    /// project file; the message names the path.</exception>
    public static AnnotationProject Open(string directory, string? photoDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        var existing = System.IO.Directory.GetFiles(directory, "*" + ProjectFile.Extension);
        if (existing.Length > 1)
        {
            throw new InvalidDataException($"{directory}: holds {existing.Length} {ProjectFile.Extension} files; keep one");
        }
        var file = existing.Length == 1 ? ProjectFile.Read(existing[0]) : null;
        var photos = Path.GetFullPath(photoDirectory ?? file?.PhotoDirectory ?? Path.Combine(directory, "photos"));
        if (!System.IO.Directory.Exists(photos))
        {
            throw new InvalidDataException($"{photos}: no such photo folder (pass --photos)");
        }
        var found = ListPhotos(photos);
        if (found.Count == 0)
        {
            throw new InvalidDataException($"{photos}: holds no JPEG, PNG or TIFF photos");
        }
        var duplicate = found.GroupBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException(
                $"{photos}: {string.Join(" and ", duplicate)} share a stem, and annotations are named by stem");
        }
        var order = file is null ? Shuffle(found) : Merge(file.FileNames, found);
        var name = Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar));
        var updated = (file ?? new ProjectFile { Name = name, Dataset = "", Location = name, FileNames = [] }) with
        {
            Dataset = Path.GetFileName(photos.TrimEnd(Path.DirectorySeparatorChar)),
            FileNames = order,
            PhotoDirectory = photos,
        };
        var project = new AnnotationProject(directory, updated, photos, order);
        foreach (var folder in new[] { project.TrainDirectory, project.ValidationDirectory, project.SegmentationDirectory,
                     project.ModelDirectory, Path.Combine(directory, "messages"), Path.Combine(directory, "logs") })
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        // Rewritten on every open, so that the photo list follows the folder.
        var path = existing.Length == 1 ? existing[0] : Path.Combine(directory, updated.Name + ProjectFile.Extension);
        AtomicFile.WriteBytes(path, Encoding.UTF8.GetBytes(updated.ToJson() + "\n"));
        return project;
    }

    /// <summary>The full path of a photo.</summary>
    /// <param name="name">A photo file name from <see cref="Photos"/>.</param>
    /// <exception cref="AnnotationRejectedException">The name holds a path separator or "..", or is not a photo of the
    /// project.</exception>
    public string PhotoPath(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal))
        {
            throw new AnnotationRejectedException($"'{name}' is not a photo file name (no folders or '..' allowed)");
        }
        return _photoPaths.TryGetValue(name, out var path)
            ? path
            : throw new AnnotationRejectedException($"'{name}' is not a photo of this project", notFound: true);
    }

    /// <summary>The width and height of a photo (read once, then remembered).</summary>
    /// <exception cref="AnnotationRejectedException">The name is not a photo of the project.</exception>
    /// <exception cref="ImageFileException">The photo cannot be read.</exception>
    public (int Width, int Height) PhotoSize(string name)
    {
        var path = PhotoPath(name);
        return _sizes.GetOrAdd(name, _ =>
        {
            using var image = ImageFile.Read(path);
            return (image.Width, image.Height);
        });
    }

    /// <summary>The annotation file of a photo and its set, or null when the photo has none.</summary>
    /// <exception cref="AnnotationRejectedException">The name is not a photo of the project.</exception>
    public (string Path, AnnotationSet Set)? FindAnnotation(string name)
    {
        PhotoPath(name);
        var file = AnnotationFileName(name);
        var train = Path.Combine(TrainDirectory, file);
        if (System.IO.File.Exists(train))
        {
            return (train, AnnotationSet.Train);
        }
        var validation = Path.Combine(ValidationDirectory, file);
        return System.IO.File.Exists(validation) ? (validation, AnnotationSet.Validation) : null;
    }

    /// <summary>The annotated photos with their sets, in photo order.</summary>
    public IReadOnlyList<(string Photo, string AnnotationPath, AnnotationSet Set)> Annotated()
    {
        var result = new List<(string, string, AnnotationSet)>();
        foreach (var photo in Photos)
        {
            if (FindAnnotation(photo) is { } found)
            {
                result.Add((photo, found.Path, found.Set));
            }
        }
        return result;
    }

    /// <summary>The segmentation file of a photo (it may not exist yet).</summary>
    /// <exception cref="AnnotationRejectedException">The name is not a photo of the project.</exception>
    public string SegmentationPath(string name)
    {
        PhotoPath(name);
        return Path.Combine(SegmentationDirectory, AnnotationFileName(name));
    }

    /// <summary>
    /// Saves a photo's annotation through <paramref name="write"/> (which must write the file atomically), into the
    /// folder the photo already uses or, for a new one, the folder <see cref="NewAnnotationSet"/> chooses. An empty
    /// annotation removes an existing file and writes nothing, as RootPainter does.
    /// </summary>
    /// <param name="name">The photo.</param>
    /// <param name="empty">Whether the annotation labels no pixel.</param>
    /// <param name="write">Writes the annotation to the path it is given.</param>
    /// <returns>The set the annotation is in, or null when there is none after the call.</returns>
    public AnnotationSet? SaveAnnotation(string name, bool empty, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_writeLock)
        {
            var current = FindAnnotation(name);
            if (empty)
            {
                if (current is { } old)
                {
                    System.IO.File.Delete(old.Path);
                }
                return null;
            }
            var set = current?.Set ?? NewAnnotationSet.Choose(CountPng(TrainDirectory), CountPng(ValidationDirectory));
            var folder = set == AnnotationSet.Train ? TrainDirectory : ValidationDirectory;
            write(Path.Combine(folder, AnnotationFileName(name)));
            return set;
        }
    }

    private static string AnnotationFileName(string photo) => Path.GetFileNameWithoutExtension(photo) + ".png";

    private static int CountPng(string folder) =>
        System.IO.Directory.EnumerateFiles(folder, "*.png").Count(f => !Path.GetFileName(f).StartsWith('.'));

    private static List<string> ListPhotos(string folder) =>
        [.. System.IO.Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.StartsWith('.') && PhotoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)];

    private static List<string> Shuffle(List<string> sorted)
    {
        var order = new List<string>(sorted);
        new Random(1).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(order));
        return order;
    }

    // The file's order first (photos since removed are dropped), then photos added to the folder since.
    private static List<string> Merge(IReadOnlyList<string> listed, List<string> found)
    {
        var present = new HashSet<string>(found, StringComparer.Ordinal);
        var order = listed.Where(present.Contains).Distinct(StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(order, StringComparer.Ordinal);
        order.AddRange(found.Where(f => !known.Contains(f)));
        return order;
    }
}

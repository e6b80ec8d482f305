using System.Security.Cryptography;
using System.Text;
using RootSeg.Annotate.Projects;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Training;

namespace RootSeg.Annotate.Training;

/// <summary>The annotated photos of a project at one moment, with fingerprints to notice later changes.</summary>
/// <param name="Train">Training pairs.</param>
/// <param name="Validation">Validation pairs.</param>
/// <param name="Hashes">SHA-256 of every photo and annotation used, keyed by path relative to the project.</param>
/// <param name="Fingerprint">One hash over all of <paramref name="Hashes"/>.</param>
/// <param name="ValidationFingerprint">One hash over the validation files only.</param>
public sealed record AnnotatedData(IReadOnlyList<DatasetPair> Train, IReadOnlyList<DatasetPair> Validation,
    IReadOnlyDictionary<string, string> Hashes, string Fingerprint, string ValidationFingerprint)
{
    /// <summary>Whether training can start: at least one training and one validation photo.</summary>
    public bool Ready => Train.Count > 0 && Validation.Count > 0;

    /// <summary>Lists and fingerprints the annotated photos of <paramref name="project"/>.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static AnnotatedData Of(AnnotationProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var train = new List<DatasetPair>();
        var validation = new List<DatasetPair>();
        foreach (var (photo, annotation, set) in project.Annotated())
        {
            var pair = new DatasetPair(Path.GetFileNameWithoutExtension(photo), project.PhotoPath(photo), annotation);
            (set == AnnotationSet.Train ? train : validation).Add(pair);
        }
        var hashes = DataHashes.Of(project.Directory, train.Concat(validation));
        var validationKeys = DataHashes.Of(project.Directory, validation).Keys.ToHashSet(StringComparer.Ordinal);
        return new AnnotatedData(train, validation, hashes, Combine(hashes, _ => true),
            Combine(hashes, validationKeys.Contains));
    }

    /// <summary>Decodes the photos and annotations; the caller disposes the images.</summary>
    /// <exception cref="IOException">A file cannot be read, or a photo and its annotation differ in size.</exception>
    public TrainingData Load(IDatasetReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var train = new List<TrainingImage>();
        var validation = new List<TrainingImage>();
        try
        {
            train.AddRange(Train.Select(p => DatasetLoader.Load(p, reader)));
            validation.AddRange(Validation.Select(p => DatasetLoader.Load(p, reader)));
            return new TrainingData(train, validation, Hashes);
        }
        catch
        {
            train.Concat(validation).ToList().ForEach(i => i.Dispose());
            throw;
        }
    }

    private static string Combine(IReadOnlyDictionary<string, string> hashes, Func<string, bool> keep)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in hashes.Where(h => keep(h.Key)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

namespace RootSeg.Segmentation.Data;

/// <summary>
/// A dataset folder whose annotations are split the way RootPainter keeps them (Smith et al. 2022, "RootPainter:
/// deep learning segmentation of biological images with corrective annotation", New Phytologist 236:774-791,
/// doi:10.1111/nph.18387): <c>photos/</c> beside <c>annotations/train/</c> and <c>annotations/val/</c> instead of a
/// flat <c>annotations/</c>. <see cref="DatasetIndex.Scan"/> pairs photos with the annotations of both folders; the
/// folders themselves are the training/validation split (<see cref="Split"/>).
/// </summary>
public static class RootPainterLayout
{
    /// <summary>The training annotations' folder under <c>annotations/</c>.</summary>
    public const string TrainFolder = "train";

    /// <summary>The validation annotations' folder under <c>annotations/</c>.</summary>
    public const string ValidationFolder = "val";

    /// <summary>Whether <paramref name="datasetDirectory"/>/annotations holds a <c>train</c> or <c>val</c> folder.</summary>
    public static bool Applies(string datasetDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetDirectory);
        var annotations = Path.Combine(datasetDirectory, "annotations");
        return Directory.Exists(Path.Combine(annotations, TrainFolder)) || Directory.Exists(Path.Combine(annotations, ValidationFolder));
    }

    /// <summary>The annotation images of both folders (and any directly in <c>annotations/</c>), keyed by stem.</summary>
    /// <exception cref="InvalidDataException">A stem appears in two places; the message names both files.</exception>
    public static Dictionary<string, string> AnnotationsByStem(string datasetDirectory)
    {
        var annotations = Path.Combine(datasetDirectory, "annotations");
        var byStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { annotations, Path.Combine(annotations, TrainFolder), Path.Combine(annotations, ValidationFolder) })
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }
            foreach (var (stem, path) in DatasetIndex.ImagesByStem(folder))
            {
                if (!byStem.TryAdd(stem, path))
                {
                    throw new InvalidDataException($"{path} and {byStem[stem]} annotate the same photo '{stem}'");
                }
            }
        }
        return byStem;
    }

    /// <summary>The stems annotated in <c>annotations/train</c> and in <c>annotations/val</c>, each sorted (ordinal).</summary>
    public static (IReadOnlyList<string> Train, IReadOnlyList<string> Validation) Split(string datasetDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetDirectory);
        IReadOnlyList<string> Stems(string name)
        {
            var folder = Path.Combine(datasetDirectory, "annotations", name);
            return Directory.Exists(folder) ? DatasetIndex.ImagesByStem(folder).Keys.Order(StringComparer.Ordinal).ToList() : [];
        }
        return (Stems(TrainFolder), Stems(ValidationFolder));
    }
}

namespace RootSeg.Analysis.Metrics;

/// <summary>
/// Segmentation quality over a set of images, in the form of Smith et al. 2020, "Segmentation of roots in soil with
/// U-Net", Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0): metrics on all pixels of all images pooled
/// (Table 3), per-image metrics summarised over the images that hold roots (Table 4), and the false positives on
/// images without roots.
/// </summary>
/// <remarks>
/// Per-image summaries give both the sample standard deviation (n - 1) and the population one (n). The paper's
/// code (<c>src/metrics.py</c>, <c>print_metrics_from_dirs</c>) prints <c>np.std</c>, the population form, over the
/// images where the metric is not NaN; its NaN rule (TP = 0) differs slightly from the one here, which summarises
/// the images whose truth holds root, leaving out any whose metric is still undefined (for example precision
/// when nothing was predicted), and counting those in <see cref="MetricSummary.Excluded"/>.
/// </remarks>
public sealed class EvaluationReport
{
    private readonly Dictionary<Metric, MetricSummary> _perImage;

    private EvaluationReport(IReadOnlyList<ImageEvaluation> images)
    {
        Images = images;
        Pooled = images.Aggregate(default(ConfusionCounts), (sum, image) => sum + image.Counts);
        var withRoots = images.Where(i => i.HasRoots).ToArray();
        ImagesWithRoots = withRoots.Length;
        _perImage = Enum.GetValues<Metric>().ToDictionary(
            metric => metric,
            metric => MetricSummary.Of(withRoots.Select(i => i.Counts.Value(metric))));
        var rootFree = images.Where(i => !i.HasRoots).ToArray();
        FalsePositivesOnRootFreeImages = rootFree.Sum(i => i.Counts.FalsePositives);
        LabelledPixelsOnRootFreeImages = rootFree.Sum(i => i.Counts.Total);
    }

    /// <summary>The images, in the order given.</summary>
    public IReadOnlyList<ImageEvaluation> Images { get; }

    /// <summary>Counts summed over every image, root-free ones included (Table 3).</summary>
    public ConfusionCounts Pooled { get; }

    /// <summary>Images whose truth holds at least one root pixel.</summary>
    public int ImagesWithRoots { get; }

    /// <summary>Images whose truth holds no root pixel.</summary>
    public int RootFreeImages => Images.Count - ImagesWithRoots;

    /// <summary>Pixels predicted as root on images whose truth holds none.</summary>
    public long FalsePositivesOnRootFreeImages { get; }

    /// <summary>Labelled pixels on images whose truth holds no root (the denominator for a false-positive rate).</summary>
    public long LabelledPixelsOnRootFreeImages { get; }

    /// <summary>Per-image summary of <paramref name="metric"/> over the images that hold roots (Table 4).</summary>
    public MetricSummary PerImage(Metric metric) =>
        _perImage.TryGetValue(metric, out var summary)
            ? summary
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric");

    /// <summary>Builds the report.</summary>
    /// <param name="images">At least one image; names must be distinct.</param>
    /// <exception cref="ArgumentException">No images, or a repeated image name.</exception>
    public static EvaluationReport Create(IEnumerable<ImageEvaluation> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var list = images.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("an evaluation needs at least one image", nameof(images));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in list)
        {
            ArgumentNullException.ThrowIfNull(image, nameof(images));
            if (!names.Add(image.Image))
            {
                throw new ArgumentException($"image '{image.Image}' appears twice", nameof(images));
            }
        }
        return new EvaluationReport(list);
    }
}

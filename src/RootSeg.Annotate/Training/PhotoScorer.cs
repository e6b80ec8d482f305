using RootSeg.Imaging.Annotations;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Training;

namespace RootSeg.Annotate.Training;

/// <summary>
/// Pooled confusion counts of a network on annotated photos: each photo is segmented whole (the paper's tiling,
/// Smith et al. 2020, doi:10.1186/s13007-020-00563-0) and only its labelled pixels are counted, as RootPainter
/// validates on partial annotations (Smith et al. 2022, doi:10.1111/nph.18387).
/// </summary>
public static class PhotoScorer
{
    /// <summary>Counts true and false positives and negatives over the labelled pixels of every image.</summary>
    /// <param name="segmenter">Segments the photos.</param>
    /// <param name="images">Photos with their labels (0 background, 1 root, 255 unlabelled); only read.</param>
    /// <returns>The pooled counts; their F1 is NaN when no labelled pixel is root and none is predicted root.</returns>
    public static ConfusionCounts Score(Segmenter segmenter, IEnumerable<TrainingImage> images)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(images);
        long tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var image in images)
        {
            using var result = segmenter.Segment(image.Photo);
            for (var y = 0; y < image.Height; y++)
            {
                var labels = image.Annotation.Row(y);
                var mask = result.Mask.Row(y);
                for (var x = 0; x < labels.Length; x++)
                {
                    var predicted = mask[x] != 0;
                    switch ((AnnotationLabel)labels[x])
                    {
                        case AnnotationLabel.Root when predicted: tp++; break;
                        case AnnotationLabel.Root: fn++; break;
                        case AnnotationLabel.Background when predicted: fp++; break;
                        case AnnotationLabel.Background: tn++; break;
                    }
                }
            }
        }
        return new ConfusionCounts(tp, fp, fn, tn);
    }
}

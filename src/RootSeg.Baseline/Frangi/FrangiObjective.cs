namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The objective of the Frangi search of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0): 1 - mean F1 of the
/// baseline's segmentation over the training images. Thread-safe: evaluations share only the read-only images.
/// </summary>
public sealed class FrangiObjective
{
    private readonly IReadOnlyList<TrainingImage> _images;
    private readonly int _threads;

    /// <summary>An objective over <paramref name="images"/>, which stay owned by the caller.</summary>
    /// <param name="images">At least one training image.</param>
    /// <param name="maxDegreeOfParallelism">Images segmented at once within one evaluation, at least 1.</param>
    public FrangiObjective(IReadOnlyList<TrainingImage> images, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("the objective needs at least one image", nameof(images));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        _images = images;
        _threads = maxDegreeOfParallelism;
    }

    /// <summary>1 - mean F1 over the images, in [0, 1].</summary>
    public double Evaluate(FrangiParameters parameters) => 1 - MeanF1(parameters);

    /// <summary>The F1 score of each image, in order.</summary>
    public double[] F1Scores(FrangiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var scores = new double[_images.Count];
        Parallel.For(0, _images.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            using var mask = FrangiSegmenter.SegmentGrey(_images[i].Grey, parameters);
            scores[i] = SegmentationScore.F1(mask, _images[i].Labels);
        });
        return scores;
    }

    /// <summary>The mean F1 score over the images.</summary>
    public double MeanF1(FrangiParameters parameters) => F1Scores(parameters).Average();

    /// <summary>
    /// 1 - mean F1 of each parameter set (a search's generation), equal to <see cref="Evaluate"/> of each set but
    /// faster: every image's Hessians are computed once for all the sets
    /// (<see cref="FrangiSegmenter.SegmentGreyAll"/>), and images are segmented in parallel.
    /// </summary>
    /// <param name="candidates">One or more parameter sets.</param>
    /// <param name="cancellationToken">Checked before each image.</param>
    /// <returns>The objective of each set, in order.</returns>
    public double[] EvaluateAll(IReadOnlyList<FrangiParameters> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = new double[_images.Count, candidates.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        Parallel.For(0, _images.Count, parallel, i =>
        {
            var masks = FrangiSegmenter.SegmentGreyAll(_images[i].Grey, candidates);
            try
            {
                for (var k = 0; k < masks.Length; k++)
                {
                    scores[i, k] = SegmentationScore.F1(masks[k], _images[i].Labels);
                }
            }
            finally
            {
                foreach (var mask in masks)
                {
                    mask.Dispose();
                }
            }
        });
        return [.. Enumerable.Range(0, candidates.Count)
            .Select(k => 1 - Enumerable.Range(0, _images.Count).Average(i => scores[i, k]))];
    }
}

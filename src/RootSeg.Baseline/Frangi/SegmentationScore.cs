using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The per-image F1 score the Frangi search maximises: 2 TP / (2 TP + FP + FN), as in Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0), with root pixels of the prediction nonzero and the annotation in label form
/// (0 background, 1 root, 255 unlabelled; unlabelled pixels are not counted). An image without root in either is
/// scored 1 (a perfect empty prediction), so an empty image does not make the mean undefined; one without root in
/// the annotation but with predicted root is scored 0.
/// </summary>
internal static class SegmentationScore
{
    private const byte Root = 1;
    private const byte Unlabelled = 255;

    /// <summary>The F1 score of <paramref name="prediction"/> against <paramref name="truth"/>.</summary>
    /// <param name="prediction">Single-channel mask, nonzero = root.</param>
    /// <param name="truth">Single-channel labels of the same size: 1 root, 255 unlabelled, anything else background.</param>
    /// <exception cref="ArgumentException">The rasters differ in size or are not single-channel.</exception>
    public static double F1(Raster<byte> prediction, Raster<byte> truth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        if (prediction.Channels != 1 || truth.Channels != 1)
        {
            throw new ArgumentException("prediction and truth must be single-channel", nameof(prediction));
        }
        if (prediction.Width != truth.Width || prediction.Height != truth.Height)
        {
            throw new ArgumentException(
                $"prediction is {prediction.Width}x{prediction.Height}, truth {truth.Width}x{truth.Height}",
                nameof(prediction));
        }
        long tp = 0, fp = 0, fn = 0;
        for (var y = 0; y < truth.Height; y++)
        {
            var p = prediction.Row(y);
            var t = truth.Row(y);
            for (var x = 0; x < p.Length; x++)
            {
                if (t[x] == Unlabelled)
                {
                    continue;
                }
                var predicted = p[x] != 0;
                var root = t[x] == Root;
                tp += predicted && root ? 1 : 0;
                fp += predicted && !root ? 1 : 0;
                fn += !predicted && root ? 1 : 0;
            }
        }
        var denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 1 : 2.0 * tp / denominator;
    }
}

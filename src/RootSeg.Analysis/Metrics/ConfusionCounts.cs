using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Metrics;

/// <summary>
/// Pixel counts of a binary segmentation against its truth: true and false positives and negatives, with the
/// metrics of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0), Tables 3 and 4.
/// </summary>
/// <remarks>
/// A metric whose denominator is zero is <see cref="double.NaN"/>; <see cref="UndefinedReason"/> says why. Unlike the
/// paper's code, which sets precision, recall, F1 and IoU to NaN whenever TP = 0, these follow the definitions: an
/// image with roots but no true positive has recall, F1 and IoU 0 (a real failure, not a missing value), and F1 is
/// NaN only when neither mask holds a root pixel.
/// </remarks>
/// <param name="TruePositives">Root in both prediction and truth.</param>
/// <param name="FalsePositives">Root in the prediction, background in the truth.</param>
/// <param name="TrueNegatives">Background in both.</param>
/// <param name="FalseNegatives">Background in the prediction, root in the truth.</param>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>Labelled pixels counted: TP + FP + TN + FN.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Root pixels in the truth: TP + FN.</summary>
    public long TrueRootPixels => TruePositives + FalseNegatives;

    /// <summary>Root pixels in the prediction: TP + FP.</summary>
    public long PredictedRootPixels => TruePositives + FalsePositives;

    /// <summary>(TP + TN) / total; NaN without labelled pixels.</summary>
    public double Accuracy => Value(Metric.Accuracy);

    /// <summary>TP / (TP + FP); NaN when nothing is predicted as root.</summary>
    public double Precision => Value(Metric.Precision);

    /// <summary>TP / (TP + FN); NaN when the truth holds no root.</summary>
    public double Recall => Value(Metric.Recall);

    /// <summary>2TP / (2TP + FP + FN); NaN when neither mask holds root.</summary>
    public double F1 => Value(Metric.F1);

    /// <summary>TP / (TP + FP + FN); NaN when neither mask holds root.</summary>
    public double IoU => Value(Metric.IoU);

    /// <summary>Fraction of labelled pixels predicted as root; NaN without labelled pixels.</summary>
    public double PredictionMean => Value(Metric.PredictionMean);

    /// <summary>Fraction of labelled pixels that are root in the truth; NaN without labelled pixels.</summary>
    public double TrueMean => Value(Metric.TrueMean);

    /// <summary>Sums two sets of counts (pooling images, as in the paper's Table 3).</summary>
    public static ConfusionCounts operator +(ConfusionCounts a, ConfusionCounts b) => new(
        checked(a.TruePositives + b.TruePositives),
        checked(a.FalsePositives + b.FalsePositives),
        checked(a.TrueNegatives + b.TrueNegatives),
        checked(a.FalseNegatives + b.FalseNegatives));

    /// <summary>Sums two sets of counts.</summary>
    public ConfusionCounts Add(ConfusionCounts other) => this + other;

    /// <summary>The value of <paramref name="metric"/>, NaN where it is undefined.</summary>
    public double Value(Metric metric)
    {
        var (numerator, denominator) = metric switch
        {
            Metric.Accuracy => (TruePositives + TrueNegatives, Total),
            Metric.Precision => (TruePositives, PredictedRootPixels),
            Metric.Recall => (TruePositives, TrueRootPixels),
            Metric.F1 => (2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives),
            Metric.IoU => (TruePositives, TruePositives + FalsePositives + FalseNegatives),
            Metric.PredictionMean => (PredictedRootPixels, Total),
            Metric.TrueMean => (TrueRootPixels, Total),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };
        return denominator == 0 ? double.NaN : (double)numerator / denominator;
    }

    /// <summary>Why <paramref name="metric"/> is undefined (NaN), or null when it has a value.</summary>
    public string? UndefinedReason(Metric metric)
    {
        if (!double.IsNaN(Value(metric)))
        {
            return null;
        }
        return metric switch
        {
            Metric.Accuracy or Metric.PredictionMean or Metric.TrueMean => "no labelled pixels",
            Metric.Precision => "no pixel predicted as root (TP + FP = 0)",
            Metric.Recall => "no root pixel in the truth (TP + FN = 0)",
            _ => "no root pixel in the prediction or the truth (TP + FP + FN = 0)",
        };
    }

    /// <summary>
    /// Counts a prediction against a truth mask of the same size, leaving out unlabelled pixels.
    /// </summary>
    /// <param name="prediction">Single-channel mask; 0 is background, any other value root.</param>
    /// <param name="truth">Single-channel mask of <see cref="TruthLabel"/> values: 0 background, 1 root,
    /// 255 unlabelled; any other value is an error (a 0/255 mask must be converted first).</param>
    /// <param name="unlabelled">Optional single-channel mask; pixels where it is non-zero are left out as well.</param>
    /// <exception cref="ArgumentException">Sizes or channel counts differ, or <paramref name="truth"/> holds another value.</exception>
    public static ConfusionCounts Count(Raster<byte> prediction, Raster<byte> truth, Raster<byte>? unlabelled = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        RequireSingleChannel(prediction, nameof(prediction));
        RequireSingleChannel(truth, nameof(truth));
        RequireSameSize(prediction, truth, nameof(truth));
        if (unlabelled is not null)
        {
            RequireSingleChannel(unlabelled, nameof(unlabelled));
            RequireSameSize(prediction, unlabelled, nameof(unlabelled));
        }
        var sum = default(ConfusionCounts);
        for (var y = 0; y < prediction.Height; y++)
        {
            var ignore = unlabelled is null ? ReadOnlySpan<byte>.Empty : unlabelled.Row(y);
            sum += CountRow(prediction.Row(y), truth.Row(y), ignore, y);
        }
        return sum;
    }

    /// <summary>Counts one row (or any run) of pixels; see <see cref="Count(Raster{byte}, Raster{byte}, Raster{byte})"/>.</summary>
    /// <param name="prediction">Prediction samples; 0 background, other values root.</param>
    /// <param name="truth">Truth samples (<see cref="TruthLabel"/>), as long as <paramref name="prediction"/>.</param>
    /// <param name="unlabelled">Empty, or as long as <paramref name="prediction"/>: non-zero leaves a pixel out.</param>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="truth"/> holds another value.</exception>
    public static ConfusionCounts Count(ReadOnlySpan<byte> prediction, ReadOnlySpan<byte> truth, ReadOnlySpan<byte> unlabelled = default)
    {
        if (truth.Length != prediction.Length)
        {
            throw new ArgumentException($"truth has {truth.Length} pixels, prediction {prediction.Length}", nameof(truth));
        }
        if (!unlabelled.IsEmpty && unlabelled.Length != prediction.Length)
        {
            throw new ArgumentException(
                $"unlabelled has {unlabelled.Length} pixels, prediction {prediction.Length}", nameof(unlabelled));
        }
        return CountRow(prediction, truth, unlabelled, row: -1);
    }

    private static ConfusionCounts CountRow(ReadOnlySpan<byte> prediction, ReadOnlySpan<byte> truth, ReadOnlySpan<byte> unlabelled, int row)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var x = 0; x < prediction.Length; x++)
        {
            var label = truth[x];
            if (label == TruthLabel.Unlabelled || (!unlabelled.IsEmpty && unlabelled[x] != 0))
            {
                continue;
            }
            var predicted = prediction[x] != 0;
            switch (label)
            {
                case TruthLabel.Root when predicted: tp++; break;
                case TruthLabel.Root: fn++; break;
                case TruthLabel.Background when predicted: fp++; break;
                case TruthLabel.Background: tn++; break;
                default:
                    var where = row < 0 ? $"index {x}" : $"pixel ({x}, {row})";
                    throw new ArgumentException(
                        $"truth holds {label} at {where}; allowed are 0 (background), 1 (root), 255 (unlabelled)",
                        nameof(truth));
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    private static void RequireSingleChannel(Raster<byte> raster, string name)
    {
        if (raster.Channels != 1)
        {
            throw new ArgumentException($"{name} must have 1 channel, not {raster.Channels}", name);
        }
    }

    private static void RequireSameSize(Raster<byte> prediction, Raster<byte> other, string name)
    {
        if (other.Width != prediction.Width || other.Height != prediction.Height)
        {
            throw new ArgumentException(
                $"{name} is {other.Width}x{other.Height} but prediction is {prediction.Width}x{prediction.Height}", name);
        }
    }
}

using System.Globalization;

namespace RootSeg.Segmentation.Training;

/// <summary>One line of a run's log.csv: what an epoch gave.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Train">Loss and pooled counts over the epoch's training tiles (augmented, while learning).</param>
/// <param name="Validation">Loss and pooled counts over every validation tile after the epoch.</param>
/// <param name="LearningRate">The rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of training and validation (summed over interrupted parts).</param>
public sealed record EpochRecord(int Epoch, EpochMetrics Train, EpochMetrics Validation, double LearningRate, double Seconds)
{
    /// <summary>The CSV header line.</summary>
    public const string CsvHeader =
        "epoch,train_loss,train_f1,train_precision,train_recall,val_loss,val_f1,val_precision,val_recall,lr,seconds";

    /// <summary>The record as a CSV line (invariant culture, round-trip precision, NaN for undefined metrics).</summary>
    public string ToCsv() => string.Join(',',
        Epoch.ToString(CultureInfo.InvariantCulture),
        Number(Train.Loss), Number(Train.F1), Number(Train.Precision), Number(Train.Recall),
        Number(Validation.Loss), Number(Validation.F1), Number(Validation.Precision), Number(Validation.Recall),
        Number(LearningRate), Seconds.ToString("F3", CultureInfo.InvariantCulture));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

namespace RootSeg.Analysis.Metrics;

/// <summary>
/// The segmentation metrics of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0), Tables 3 and 4.
/// </summary>
public enum Metric
{
    /// <summary>(TP + TN) / (TP + FP + TN + FN).</summary>
    Accuracy,

    /// <summary>TP / (TP + FP).</summary>
    Precision,

    /// <summary>TP / (TP + FN).</summary>
    Recall,

    /// <summary>2TP / (2TP + FP + FN), the Dice coefficient of the two masks.</summary>
    F1,

    /// <summary>TP / (TP + FP + FN), the Jaccard index.</summary>
    IoU,

    /// <summary>(TP + FP) / (TP + FP + TN + FN): the fraction of labelled pixels predicted as root.</summary>
    PredictionMean,

    /// <summary>(TP + FN) / (TP + FP + TN + FN): the fraction of labelled pixels that are root in the truth.</summary>
    TrueMean,
}

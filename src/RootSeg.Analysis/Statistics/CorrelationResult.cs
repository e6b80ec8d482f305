namespace RootSeg.Analysis.Statistics;

/// <summary>A correlation coefficient with its two-sided p-value.</summary>
/// <param name="Coefficient">Pearson's r or Spearman's rho, in [-1, 1]; NaN when a sample is constant.</param>
/// <param name="PValue">Two-sided p-value for the hypothesis of no correlation; NaN when n &lt; 3 or the coefficient is NaN.</param>
/// <param name="N">Number of pairs.</param>
public readonly record struct CorrelationResult(double Coefficient, double PValue, int N);

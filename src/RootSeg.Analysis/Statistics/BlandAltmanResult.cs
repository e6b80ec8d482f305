namespace RootSeg.Analysis.Statistics;

/// <summary>Bias and 95% limits of agreement of y against x (<see cref="BlandAltman"/>).</summary>
/// <param name="Bias">Mean of y - x.</param>
/// <param name="StandardDeviation">Sample standard deviation of y - x; NaN with fewer than 2 pairs.</param>
/// <param name="LowerLimit">Bias - 1.96 standard deviations.</param>
/// <param name="UpperLimit">Bias + 1.96 standard deviations.</param>
/// <param name="N">Number of pairs.</param>
public readonly record struct BlandAltmanResult(double Bias, double StandardDeviation, double LowerLimit, double UpperLimit, int N);

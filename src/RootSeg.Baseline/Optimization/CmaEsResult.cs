namespace RootSeg.Baseline.Optimization;

/// <summary>The outcome of a CMA-ES run.</summary>
/// <param name="BestX">The best feasible point evaluated.</param>
/// <param name="BestValue">The objective at <paramref name="BestX"/>.</param>
/// <param name="Mean">The final mean of the search distribution (inside the bounds after repair).</param>
/// <param name="Evaluations">Objective evaluations made.</param>
/// <param name="Generations">Generations completed.</param>
/// <param name="StopReason">The criterion that ended the run.</param>
public sealed record CmaEsResult(
    double[] BestX, double BestValue, double[] Mean, long Evaluations, int Generations, CmaEsStopReason StopReason);

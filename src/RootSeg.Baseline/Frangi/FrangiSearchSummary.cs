using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Frangi;

/// <summary>How a search found a parameter set.</summary>
/// <param name="Objective">1 - mean F1 over the training images at the parameters.</param>
/// <param name="Evaluations">Objective evaluations made.</param>
/// <param name="Generations">CMA-ES generations completed.</param>
/// <param name="StopReason">Why the search ended.</param>
/// <param name="Seed">The search's seed.</param>
/// <param name="TrainingImages">The stems of the images the objective was computed on.</param>
public sealed record FrangiSearchSummary(
    double Objective, long Evaluations, int Generations, CmaEsStopReason StopReason, ulong Seed,
    IReadOnlyList<string> TrainingImages);

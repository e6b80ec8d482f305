namespace RootSeg.Baseline.Frangi;

/// <summary>Where a search stands after a generation.</summary>
/// <param name="Generation">Generations completed.</param>
/// <param name="Evaluations">Objective evaluations made.</param>
/// <param name="Budget">Evaluations allowed.</param>
/// <param name="BestObjective">The lowest 1 - mean F1 so far.</param>
/// <param name="BestParameters">The parameters that gave it.</param>
public sealed record FrangiSearchProgress(
    int Generation, long Evaluations, long Budget, double BestObjective, FrangiParameters BestParameters);

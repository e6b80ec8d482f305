namespace RootSeg.Baseline.Frangi;

/// <summary>The outcome of a <see cref="FrangiSearch"/> run.</summary>
/// <param name="Parameters">The best parameters found.</param>
/// <param name="Summary">How they were found (for the parameters file).</param>
/// <param name="Resumed">True when the search continued from an existing log.</param>
public sealed record FrangiSearchResult(FrangiParameters Parameters, FrangiSearchSummary Summary, bool Resumed);

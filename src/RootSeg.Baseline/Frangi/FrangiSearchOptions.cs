namespace RootSeg.Baseline.Frangi;

/// <summary>Settings of a Frangi parameter search.</summary>
public sealed record FrangiSearchOptions
{
    /// <summary>Objective evaluations allowed in all (a resumed search counts those already made).</summary>
    public long Budget { get; init; } = 500;

    /// <summary>Seed of CMA-ES and of the probabilistic rounding; identical seeds give identical searches.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Candidates evaluated at once.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The initial CMA-ES step size in the unit cube: a quarter of each range, as the tutorial advises
    /// when the optimum may lie anywhere in the box.</summary>
    public double InitialStepSize { get; init; } = 0.25;

    /// <summary>The starting point, or null for the centre of every range.</summary>
    public FrangiParameters? Start { get; init; }

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Budget < 1)
        {
            throw new ArgumentException($"the budget must be at least 1 evaluation, not {Budget}");
        }
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be at least 1, not {MaxDegreeOfParallelism}");
        }
        if (!(InitialStepSize > 0 && InitialStepSize <= 1))
        {
            throw new ArgumentException($"InitialStepSize must be in (0, 1], not {InitialStepSize}");
        }
        Start?.Validate("the start point");
    }
}

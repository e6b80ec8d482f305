namespace RootSeg.Baseline.Optimization;

/// <summary>
/// Settings of one CMA-ES run (Hansen 2016, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772,
/// doi:10.48550/arXiv.1604.00772). Every member has the tutorial's default; the object is plain data so a saved
/// <see cref="CmaEsState"/> carries it and a resumed run uses the very same settings.
/// </summary>
public sealed record CmaEsOptions
{
    /// <summary>The population size lambda; 0 means the tutorial's default 4 + floor(3 ln n) (eq. 48).</summary>
    public int PopulationSize { get; init; }

    /// <summary>Seed of the generator that draws every candidate; identical seeds give identical runs.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Stop once this many objective evaluations were made (checked after each generation).</summary>
    public long MaxEvaluations { get; init; } = 100_000;

    /// <summary>Stop once the best objective value is at or below this.</summary>
    public double TargetValue { get; init; } = double.NegativeInfinity;

    /// <summary>Stop when recent best values and the last generation's values all lie within this range.</summary>
    public double TolFun { get; init; } = 1e-12;

    /// <summary>Stop when sigma times every evolution-path entry and every standard deviation is below this.</summary>
    public double TolX { get; init; } = 1e-11;

    /// <summary>Whether the stagnation criterion may end the run.</summary>
    public bool StopOnStagnation { get; init; } = true;

    /// <summary>Lower bound per coordinate, or null for none; entries may be negative infinity.</summary>
    public double[]? LowerBounds { get; init; }

    /// <summary>Upper bound per coordinate, or null for none; entries may be positive infinity.</summary>
    public double[]? UpperBounds { get; init; }

    /// <summary>Candidates of one generation evaluated at once by <see cref="CmaEs.Optimize"/>; 1 means in turn.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Checks the options against a problem of <paramref name="dimension"/> coordinates.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or bounds have the wrong length or cross.</exception>
    public void Validate(int dimension)
    {
        if (PopulationSize != 0 && PopulationSize < 2)
        {
            throw new ArgumentException($"PopulationSize must be 0 (default) or at least 2, not {PopulationSize}");
        }
        if (MaxEvaluations < 1)
        {
            throw new ArgumentException($"MaxEvaluations must be at least 1, not {MaxEvaluations}");
        }
        if (double.IsNaN(TargetValue))
        {
            throw new ArgumentException("TargetValue must not be NaN");
        }
        if (!(TolFun >= 0) || !(TolX >= 0))
        {
            throw new ArgumentException($"TolFun and TolX must be non-negative, not {TolFun} and {TolX}");
        }
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be at least 1, not {MaxDegreeOfParallelism}");
        }
        CheckBounds(LowerBounds, nameof(LowerBounds), dimension);
        CheckBounds(UpperBounds, nameof(UpperBounds), dimension);
        for (var i = 0; i < dimension; i++)
        {
            if (Lower(i) >= Upper(i))
            {
                throw new ArgumentException($"bounds of coordinate {i} are empty: [{Lower(i)}, {Upper(i)}]");
            }
        }
    }

    /// <summary>The lower bound of coordinate <paramref name="i"/> (negative infinity when unbounded).</summary>
    public double Lower(int i) => LowerBounds?[i] ?? double.NegativeInfinity;

    /// <summary>The upper bound of coordinate <paramref name="i"/> (positive infinity when unbounded).</summary>
    public double Upper(int i) => UpperBounds?[i] ?? double.PositiveInfinity;

    private static void CheckBounds(double[]? bounds, string name, int dimension)
    {
        if (bounds is null)
        {
            return;
        }
        if (bounds.Length != dimension)
        {
            throw new ArgumentException($"{name} has {bounds.Length} entries, the problem {dimension} coordinates");
        }
        if (bounds.Any(double.IsNaN))
        {
            throw new ArgumentException($"{name} holds NaN");
        }
    }
}

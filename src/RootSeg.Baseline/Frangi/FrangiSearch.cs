using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// Finds the Frangi baseline's parameters as Smith et al. 2020 did (doi:10.1186/s13007-020-00563-0): CMA-ES
/// (<see cref="CmaEs"/>) minimising 1 - mean F1 over the training images, in the unit cube of
/// <see cref="FrangiParameterSpace"/> with the integer parameters rounded at random. Each generation's candidates
/// are evaluated in parallel; after each generation the search log is rewritten, and a search started with an
/// existing log resumes from it.
/// </summary>
public static class FrangiSearch
{
    /// <summary>Runs (or resumes) a search.</summary>
    /// <param name="objective">1 - mean F1 of a parameter set over the training images, in [0, 1]; called
    /// concurrently, so it must be thread-safe (<see cref="FrangiObjective.Evaluate"/> is).</param>
    /// <param name="trainingImages">The stems of the training images, recorded in the log and the result so that a
    /// log is never resumed against other images.</param>
    /// <param name="options">Budget, seed, parallelism, start.</param>
    /// <param name="logPath">The search log; resumed from when it exists.</param>
    /// <param name="progress">Told after every generation, or null.</param>
    /// <param name="cancellationToken">Stops the search between evaluations (the log keeps the last generation).</param>
    /// <returns>The best parameters found and how.</returns>
    /// <exception cref="InvalidDataException">The log belongs to another search (other seed or images) or is not a
    /// search log.</exception>
    /// <exception cref="ArgumentException">An option is invalid or no training image is given.</exception>
    public static FrangiSearchResult Run(Func<FrangiParameters, double> objective,
        IReadOnlyList<string> trainingImages, FrangiSearchOptions options, string logPath,
        IProgress<FrangiSearchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };
        return Run(candidates =>
        {
            var values = new double[candidates.Count];
            Parallel.For(0, candidates.Count, parallel, k => values[k] = objective(candidates[k]));
            return values;
        }, trainingImages, options, logPath, progress, cancellationToken);
    }

    /// <summary>
    /// Runs (or resumes) a search whose objective takes a whole generation at once
    /// (<see cref="FrangiObjective.EvaluateAll"/>, which shares each image's Hessians between the candidates).
    /// </summary>
    /// <param name="evaluateGeneration">1 - mean F1 of each parameter set, in order.</param>
    /// <param name="trainingImages">As for the other overload.</param>
    /// <param name="options">Budget, seed, start (MaxDegreeOfParallelism is the objective's business here).</param>
    /// <param name="logPath">The search log; resumed from when it exists.</param>
    /// <param name="progress">Told after every generation, or null.</param>
    /// <param name="cancellationToken">Stops the search between generations or inside the objective.</param>
    /// <returns>The best parameters found and how.</returns>
    public static FrangiSearchResult Run(Func<IReadOnlyList<FrangiParameters>, double[]> evaluateGeneration,
        IReadOnlyList<string> trainingImages, FrangiSearchOptions options, string logPath,
        IProgress<FrangiSearchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluateGeneration);
        ArgumentNullException.ThrowIfNull(trainingImages);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(logPath);
        if (trainingImages.Count == 0)
        {
            throw new ArgumentException("the search needs at least one training image", nameof(trainingImages));
        }
        options.Validate();
        var images = trainingImages.ToArray();
        var cmaOptions = new CmaEsOptions
        {
            Seed = options.Seed,
            MaxEvaluations = options.Budget,
            LowerBounds = FrangiParameterSpace.Lower,
            UpperBounds = FrangiParameterSpace.Upper,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            // The objective is a sum of step functions of the parameters: a flat run of equal values says nothing
            // about convergence, so only the budget and stagnation end the search.
            TolFun = 0,
            TolX = 1e-6,
        };
        var (es, history, resumed) = File.Exists(logPath)
            ? Resume(logPath, images, cmaOptions)
            : (new CmaEs(Start(options), options.InitialStepSize, cmaOptions), new List<FrangiSearchProgress>(), false);
        es.OptimizeGenerations(
            candidates => evaluateGeneration([.. candidates.Select(u => FrangiParameterSpace.ToParameters(u, options.Seed))]),
            current =>
            {
                var step = new FrangiSearchProgress(current.Generation, current.Evaluations, options.Budget,
                    current.BestValue, FrangiParameterSpace.ToParameters(current.BestX!, options.Seed));
                history.Add(step);
                new FrangiSearchLog
                {
                    Seed = options.Seed, TrainingImages = images, State = current.SaveState(), History = history,
                }.Save(logPath);
                progress?.Report(step);
            },
            cancellationToken);
        var result = es.Result();
        return new FrangiSearchResult(
            FrangiParameterSpace.ToParameters(result.BestX, options.Seed),
            new FrangiSearchSummary(result.BestValue, result.Evaluations, result.Generations, result.StopReason,
                options.Seed, images),
            resumed);
    }

    private static double[] Start(FrangiSearchOptions options) =>
        options.Start is null
            ? Enumerable.Repeat(0.5, FrangiParameterSpace.Dimension).ToArray()
            : FrangiParameterSpace.ToUnit(options.Start);

    private static (CmaEs, List<FrangiSearchProgress>, bool) Resume(string logPath, string[] images,
        CmaEsOptions cmaOptions)
    {
        var log = FrangiSearchLog.Load(logPath);
        if (log.Seed != cmaOptions.Seed || !log.TrainingImages.SequenceEqual(images, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"{logPath}: this log belongs to another search (seed {log.Seed}, {log.TrainingImages.Count} " +
                $"training images); delete it or give another log path to start afresh");
        }
        var state = log.State;
        // A larger budget continues a search that ran out; the rest of the options are the log's own.
        var stop = state.StopReason == CmaEsStopReason.MaxEvaluations && state.Evaluations < cmaOptions.MaxEvaluations
            ? CmaEsStopReason.None
            : state.StopReason;
        state = state with
        {
            Options = state.Options with
            {
                MaxEvaluations = cmaOptions.MaxEvaluations,
                MaxDegreeOfParallelism = cmaOptions.MaxDegreeOfParallelism,
            },
            StopReason = stop,
        };
        return (CmaEs.FromState(state), [.. log.History], true);
    }
}

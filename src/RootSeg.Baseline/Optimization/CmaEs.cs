using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using RootSeg.Imaging.Randomness;

namespace RootSeg.Baseline.Optimization;

/// <summary>
/// The (mu/mu_w, lambda)-CMA-ES of Hansen 2016, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772
/// (doi:10.48550/arXiv.1604.00772), Appendix A: cumulative step-size adaptation, rank-one and rank-mu covariance
/// updates with positive recombination weights, minimising an objective over a box.
/// </summary>
/// <remarks>
/// <para>Use it either through <see cref="Ask"/> and <see cref="Tell"/> (one generation at a time, for callers that
/// evaluate candidates themselves) or through <see cref="Optimize"/> / <see cref="Minimize"/>, which evaluate each
/// generation's candidates in parallel. Candidates are drawn one after another from a seeded generator before any
/// is evaluated, so identical seeds give identical runs however many threads evaluate them.</para>
/// <para>Bounds are handled by repair and penalty (<see cref="BoundPenalty"/>): every candidate handed out is inside
/// the box. Termination follows Appendix B.3: target value, evaluation budget, TolFun, TolX, stagnation and a
/// condition-number guard on C.</para>
/// <para>Between generations the whole state can be saved (<see cref="SaveState"/>) and a run resumed from it
/// (<see cref="FromState"/>) with identical results. An instance is not thread-safe.</para>
/// </remarks>
public sealed class CmaEs
{
    private readonly CmaEsOptions _options;
    private readonly CmaEsParameters _p;
    private readonly SeededRandom _random;
    private readonly double[] _mean;
    private readonly double[][] _c;
    private readonly double[][] _b;
    private readonly double[] _d;
    private readonly double[] _ps;
    private readonly double[] _pc;
    private readonly List<double> _bestHistory;
    private readonly List<double> _medianHistory;
    private double _sigma;
    private int _generation;
    private int _eigenGeneration;
    private long _evaluations;
    private double[]? _bestX;
    private double _bestValue;
    private double[][]? _pendingY;
    private double[][]? _pendingX;
    private double[][]? _pendingRepaired;

    /// <summary>Starts a run at <paramref name="x0"/> with C = I (tutorial, Appendix A, initialisation).</summary>
    /// <param name="x0">The initial mean; n &gt;= 1 finite coordinates inside the bounds.</param>
    /// <param name="sigma0">The initial step size, finite and &gt; 0: about a quarter of the range to search.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">x0 is empty, not finite or outside the bounds; sigma0 is not positive; an
    /// option is invalid.</exception>
    public CmaEs(double[] x0, double sigma0, CmaEsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x0);
        if (x0.Length == 0)
        {
            throw new ArgumentException("the start point needs at least one coordinate", nameof(x0));
        }
        if (!x0.All(double.IsFinite))
        {
            throw new ArgumentException("the start point must be finite", nameof(x0));
        }
        if (!(sigma0 > 0) || !double.IsFinite(sigma0))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma0), sigma0, "the step size must be finite and > 0");
        }
        _options = options ?? new CmaEsOptions();
        _options.Validate(x0.Length);
        for (var i = 0; i < x0.Length; i++)
        {
            if (x0[i] < _options.Lower(i) || x0[i] > _options.Upper(i))
            {
                throw new ArgumentException(
                    $"start coordinate {i} = {x0[i]} lies outside [{_options.Lower(i)}, {_options.Upper(i)}]",
                    nameof(x0));
            }
        }
        var n = x0.Length;
        _p = new CmaEsParameters(n, _options.PopulationSize);
        _random = new SeededRandom(_options.Seed);
        _mean = (double[])x0.Clone();
        _sigma = sigma0;
        _c = Identity(n);
        _b = Identity(n);
        _d = Enumerable.Repeat(1.0, n).ToArray();
        _ps = new double[n];
        _pc = new double[n];
        _bestHistory = [];
        _medianHistory = [];
        _bestValue = double.PositiveInfinity;
    }

    private CmaEs(CmaEsState state)
    {
        _options = state.Options;
        var n = state.Mean.Length;
        _options.Validate(n);
        _p = new CmaEsParameters(n, _options.PopulationSize);
        _random = SeededRandom.FromState(ToRandomState(state.Random));
        _mean = (double[])state.Mean.Clone();
        _sigma = state.Sigma;
        _c = CopySquare(state.Covariance, n, nameof(state.Covariance));
        _b = CopySquare(state.EigenVectors, n, nameof(state.EigenVectors));
        _d = CopyVector(state.EigenRoots, n, nameof(state.EigenRoots));
        _ps = CopyVector(state.PathSigma, n, nameof(state.PathSigma));
        _pc = CopyVector(state.PathC, n, nameof(state.PathC));
        _generation = state.Generation;
        _eigenGeneration = state.EigenGeneration;
        _evaluations = state.Evaluations;
        _bestX = state.BestX is null ? null : CopyVector(state.BestX, n, nameof(state.BestX));
        _bestValue = state.BestValue;
        _bestHistory = [.. state.BestHistory];
        _medianHistory = [.. state.MedianHistory];
        StopReason = state.StopReason;
    }

    /// <summary>Resumes a run saved by <see cref="SaveState"/>; it continues exactly as the saved one would.</summary>
    /// <param name="state">A saved state.</param>
    /// <exception cref="ArgumentException">The state is inconsistent (lengths differ, options invalid).</exception>
    public static CmaEs FromState(CmaEsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Mean, nameof(state));
        if (state.Mean.Length == 0 || !(state.Sigma > 0))
        {
            throw new ArgumentException("the state has no coordinates or a non-positive step size", nameof(state));
        }
        return new CmaEs(state);
    }

    /// <summary>Coordinates n.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Candidates per generation, lambda.</summary>
    public int PopulationSize => _p.Lambda;

    /// <summary>Generations completed.</summary>
    public int Generation => _generation;

    /// <summary>Objective evaluations made.</summary>
    public long Evaluations => _evaluations;

    /// <summary>The step size sigma.</summary>
    public double Sigma => _sigma;

    /// <summary>The distribution mean, repaired into the bounds.</summary>
    public double[] Mean => BoundPenalty.Repair(_mean, _options);

    /// <summary>The best feasible point evaluated so far, or null before the first generation.</summary>
    public double[]? BestX => _bestX is null ? null : (double[])_bestX.Clone();

    /// <summary>The objective at <see cref="BestX"/>; positive infinity before the first generation.</summary>
    public double BestValue => _bestValue;

    /// <summary>Why the run stopped, or <see cref="CmaEsStopReason.None"/> while it goes on.</summary>
    public CmaEsStopReason StopReason { get; private set; }

    /// <summary>
    /// Draws the next generation's lambda candidates, eq. (38)-(40): z_k ~ N(0, I), y_k = B D z_k,
    /// x_k = m + sigma y_k, each repaired into the bounds. The caller owns the returned arrays.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has stopped, or the last generation was not told.</exception>
    public double[][] Ask()
    {
        if (StopReason != CmaEsStopReason.None)
        {
            throw new InvalidOperationException($"the search has stopped ({StopReason})");
        }
        if (_pendingY is not null)
        {
            throw new InvalidOperationException("Ask was called twice; Tell the values of the last generation first");
        }
        var n = Dimension;
        var lambda = _p.Lambda;
        _pendingY = new double[lambda][];
        _pendingX = new double[lambda][];
        _pendingRepaired = new double[lambda][];
        var dz = new double[n];
        for (var k = 0; k < lambda; k++)
        {
            for (var i = 0; i < n; i++)
            {
                dz[i] = _d[i] * _random.NextGaussian();
            }
            var y = new double[n];
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum += _b[i][j] * dz[j];
                }
                y[i] = sum;
                x[i] = _mean[i] + _sigma * sum;
            }
            _pendingY[k] = y;
            _pendingX[k] = x;
            _pendingRepaired[k] = BoundPenalty.Repair(x, _options);
        }
        return _pendingRepaired.Select(r => (double[])r.Clone()).ToArray();
    }

    /// <summary>
    /// Takes the objective values of the candidates of the last <see cref="Ask"/>, in the same order, and updates
    /// the mean, the evolution paths, C and sigma (eq. 41-47); then checks the stopping criteria. NaN counts as
    /// worse than any value.
    /// </summary>
    /// <param name="values">lambda objective values.</param>
    /// <exception cref="InvalidOperationException">No generation was asked.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold lambda values.</exception>
    public void Tell(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_pendingY is null || _pendingX is null || _pendingRepaired is null)
        {
            throw new InvalidOperationException("Tell needs the candidates of a preceding Ask");
        }
        var lambda = _p.Lambda;
        if (values.Count != lambda)
        {
            throw new ArgumentException($"expected {lambda} values, got {values.Count}", nameof(values));
        }
        var f = values.Select(v => double.IsNaN(v) ? double.PositiveInfinity : v).ToArray();
        var gamma = BoundPenalty.Weight(f, _sigma, Enumerable.Range(0, Dimension).Average(i => _c[i][i]));
        var ranked = new double[lambda];
        for (var k = 0; k < lambda; k++)
        {
            ranked[k] = f[k] + gamma * BoundPenalty.SquaredDistance(_pendingX[k], _pendingRepaired[k]);
        }
        // A stable sort keeps ties in candidate order, so equal values cannot make runs differ.
        var order = Enumerable.Range(0, lambda).OrderBy(k => ranked[k]).ThenBy(k => k).ToArray();
        RecordBest(f);
        Update(order.Take(_p.Mu).Select(k => _pendingY[k]).ToArray());
        _evaluations += lambda;
        _generation++;
        _pendingY = _pendingX = _pendingRepaired = null;
        // B and D are refreshed before any stopping test, so a run stopped by its budget and resumed with a larger
        // one continues exactly as a run with the larger budget from the start.
        var usable = _generation - _eigenGeneration < _p.EigenInterval || Decompose();
        StopReason = CheckStop(f, usable);
    }

    private void RecordBest(double[] f)
    {
        var best = 0;
        for (var k = 1; k < f.Length; k++)
        {
            if (f[k] < f[best])
            {
                best = k;
            }
        }
        if (f[best] < _bestValue || _bestX is null)
        {
            _bestValue = f[best];
            _bestX = (double[])_pendingRepaired![best].Clone();
        }
        var sorted = f.Order().ToArray();
        Append(_bestHistory, sorted[0]);
        Append(_medianHistory, sorted[sorted.Length / 2]);
    }

    private static void Append(List<double> history, double value)
    {
        history.Add(value);
        if (history.Count > CmaEsParameters.StagnationMaxHistory)
        {
            history.RemoveAt(0);
        }
    }

    private void Update(double[][] selected)
    {
        var n = Dimension;
        var w = _p.Weights;
        // Eq. (41): <y>_w = sum_i w_i y_{i:lambda}; eq. (42): m <- m + c_m sigma <y>_w.
        var yw = new double[n];
        for (var s = 0; s < selected.Length; s++)
        {
            for (var i = 0; i < n; i++)
            {
                yw[i] += w[s] * selected[s][i];
            }
        }
        for (var i = 0; i < n; i++)
        {
            _mean[i] += _p.Cm * _sigma * yw[i];
        }
        // Eq. (43): p_sigma <- (1 - c_sigma) p_sigma + sqrt(c_sigma (2 - c_sigma) mu_eff) C^(-1/2) <y>_w,
        // with C^(-1/2) = B D^-1 B^T from the last decomposition.
        var bty = new double[n];
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += _b[i][j] * yw[i];
            }
            bty[j] = sum / _d[j];
        }
        var cs = _p.CSigma;
        var psFactor = Math.Sqrt(cs * (2 - cs) * _p.MuEff);
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += _b[i][j] * bty[j];
            }
            _ps[i] = (1 - cs) * _ps[i] + psFactor * sum;
        }
        var psNorm = Math.Sqrt(_ps.Sum(v => v * v));
        // h_sigma (below eq. 45) stalls the rank-one path while p_sigma is long, i.e. while sigma is growing fast.
        var hsig = psNorm / Math.Sqrt(1 - Math.Pow(1 - cs, 2.0 * (_generation + 1))) / _p.ChiN < 1.4 + 2.0 / (n + 1);
        // Eq. (45): p_c <- (1 - c_c) p_c + h_sigma sqrt(c_c (2 - c_c) mu_eff) <y>_w.
        var cc = _p.Cc;
        var pcFactor = hsig ? Math.Sqrt(cc * (2 - cc) * _p.MuEff) : 0;
        for (var i = 0; i < n; i++)
        {
            _pc[i] = (1 - cc) * _pc[i] + pcFactor * yw[i];
        }
        // Eq. (47): C <- (1 + c1 delta(h_sigma) - c1 - c_mu sum w_j) C + c1 p_c p_c^T + c_mu sum_i w_i y_i y_i^T,
        // delta(h_sigma) = (1 - h_sigma) c_c (2 - c_c); the positive weights sum to one.
        var c1 = _p.C1;
        var cmu = _p.CMu;
        var delta = hsig ? 0 : cc * (2 - cc);
        var decay = 1 + c1 * delta - c1 - cmu;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var rankMu = 0.0;
                for (var s = 0; s < selected.Length; s++)
                {
                    rankMu += w[s] * selected[s][i] * selected[s][j];
                }
                var value = decay * _c[i][j] + c1 * _pc[i] * _pc[j] + cmu * rankMu;
                _c[i][j] = value;
                _c[j][i] = value;
            }
        }
        // Eq. (44): sigma <- sigma exp((c_sigma / d_sigma) (||p_sigma|| / E||N(0, I)|| - 1)).
        _sigma *= Math.Exp(cs / _p.DSigma * (psNorm / _p.ChiN - 1));
    }

    private CmaEsStopReason CheckStop(double[] f, bool covarianceUsable)
    {
        if (_bestValue <= _options.TargetValue)
        {
            return CmaEsStopReason.TargetValue;
        }
        if (_evaluations >= _options.MaxEvaluations)
        {
            return CmaEsStopReason.MaxEvaluations;
        }
        if (!covarianceUsable)
        {
            return CmaEsStopReason.ConditionCov;
        }
        if (TolFunReached(f))
        {
            return CmaEsStopReason.TolFun;
        }
        if (TolXReached())
        {
            return CmaEsStopReason.TolX;
        }
        if (_options.StopOnStagnation && Stagnated())
        {
            return CmaEsStopReason.Stagnation;
        }
        return CmaEsStopReason.None;
    }

    /// <summary>C = B D^2 B^T (tutorial, eq. 10 and Appendix B.2); false when C is no longer usable.</summary>
    private bool Decompose()
    {
        var n = Dimension;
        var matrix = Matrix<double>.Build.Dense(n, n, (i, j) => _c[i][j]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var min = values.Min();
        var max = values.Max();
        _eigenGeneration = _generation;
        if (!(min > 0) || !double.IsFinite(max) || max / min > 1e14)
        {
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            _d[i] = Math.Sqrt(values[i]);
            for (var j = 0; j < n; j++)
            {
                _b[i][j] = evd.EigenVectors[i, j];
            }
        }
        return true;
    }

    /// <summary>Appendix B.3, TolFun: the last 10 + ceil(30 n / lambda) best values and all of this generation's
    /// values lie within TolFun.</summary>
    private bool TolFunReached(double[] f)
    {
        var length = _p.TolFunHistory;
        if (_bestHistory.Count < length)
        {
            return false;
        }
        var recent = _bestHistory.Skip(_bestHistory.Count - length).Concat(f).ToArray();
        return recent.Max() - recent.Min() < _options.TolFun;
    }

    /// <summary>Appendix B.3, TolX: sigma p_c and sigma sqrt(diag C) are below TolX in every coordinate.</summary>
    private bool TolXReached()
    {
        for (var i = 0; i < Dimension; i++)
        {
            if (_sigma * Math.Abs(_pc[i]) >= _options.TolX || _sigma * Math.Sqrt(_c[i][i]) >= _options.TolX)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Appendix B.3, stagnation: over the last 20% of generations (at least 120 + 30 n / lambda, at most
    /// 20000), the medians of the newest 30% of both the best and the median values are no better than of the
    /// oldest 30%.</summary>
    private bool Stagnated()
    {
        var window = Math.Min(CmaEsParameters.StagnationMaxHistory,
            Math.Max(_p.StagnationMinHistory, (int)(0.2 * _generation)));
        if (_bestHistory.Count < window)
        {
            return false;
        }
        return NotImproving(_bestHistory, window) && NotImproving(_medianHistory, window);
    }

    private static bool NotImproving(List<double> history, int window)
    {
        var part = Math.Max(1, (int)(0.3 * window));
        var start = history.Count - window;
        var oldest = Median(history.GetRange(start, part));
        var newest = Median(history.GetRange(history.Count - part, part));
        return newest >= oldest;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    }

    /// <summary>A copy of everything the run holds, for <see cref="FromState"/>; taken between generations.</summary>
    /// <exception cref="InvalidOperationException">A generation was asked and not yet told.</exception>
    public CmaEsState SaveState()
    {
        if (_pendingY is not null)
        {
            throw new InvalidOperationException("the state can only be saved between generations (after Tell)");
        }
        return new CmaEsState
        {
            Options = _options,
            Mean = (double[])_mean.Clone(),
            Sigma = _sigma,
            Covariance = _c.Select(r => (double[])r.Clone()).ToArray(),
            EigenVectors = _b.Select(r => (double[])r.Clone()).ToArray(),
            EigenRoots = (double[])_d.Clone(),
            PathSigma = (double[])_ps.Clone(),
            PathC = (double[])_pc.Clone(),
            Generation = _generation,
            EigenGeneration = _eigenGeneration,
            Evaluations = _evaluations,
            Random = [_random.State.S0, _random.State.S1, _random.State.S2, _random.State.S3],
            BestX = BestX,
            BestValue = _bestValue,
            BestHistory = [.. _bestHistory],
            MedianHistory = [.. _medianHistory],
            StopReason = StopReason,
        };
    }

    /// <summary>
    /// Runs generations until a stopping criterion holds, evaluating each generation's candidates on up to
    /// <see cref="CmaEsOptions.MaxDegreeOfParallelism"/> threads.
    /// </summary>
    /// <param name="objective">The function to minimise; called concurrently when parallel, so it must be
    /// thread-safe. It receives a feasible point it may keep.</param>
    /// <param name="afterGeneration">Called after each generation (for progress and saving the state), or null.</param>
    /// <param name="cancellationToken">Stops between evaluations by throwing <see cref="OperationCanceledException"/>.
    /// The interrupted generation's draws are lost, so an exact resumption starts from a state saved by
    /// <paramref name="afterGeneration"/>, not from this instance.</param>
    /// <returns>The best point found and why the run stopped.</returns>
    public CmaEsResult Optimize(Func<double[], double> objective, Action<CmaEs>? afterGeneration = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };
        return OptimizeGenerations(candidates =>
        {
            var values = new double[candidates.Length];
            Parallel.For(0, candidates.Length, parallel, k => values[k] = objective(candidates[k]));
            return values;
        }, afterGeneration, cancellationToken);
    }

    /// <summary>
    /// Runs generations until a stopping criterion holds, handing each generation's candidates to
    /// <paramref name="evaluateGeneration"/> at once: for objectives whose candidates share work (the Frangi search
    /// computes each image's Hessians once per generation).
    /// </summary>
    /// <param name="evaluateGeneration">Takes the generation's feasible points (which it may keep) and returns
    /// their values in the same order.</param>
    /// <param name="afterGeneration">Called after each generation, or null.</param>
    /// <param name="cancellationToken">As for <see cref="Optimize"/>.</param>
    /// <returns>The best point found and why the run stopped.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="evaluateGeneration"/> returned the wrong number
    /// of values.</exception>
    public CmaEsResult OptimizeGenerations(Func<double[][], double[]> evaluateGeneration,
        Action<CmaEs>? afterGeneration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluateGeneration);
        while (StopReason == CmaEsStopReason.None)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = Ask();
            double[] values;
            try
            {
                values = evaluateGeneration(candidates);
                if (values.Length != candidates.Length)
                {
                    throw new InvalidOperationException(
                        $"the objective returned {values.Length} values for {candidates.Length} candidates");
                }
            }
            catch
            {
                _pendingY = _pendingX = _pendingRepaired = null;
                throw;
            }
            Tell(values);
            afterGeneration?.Invoke(this);
        }
        return Result();
    }

    /// <summary>The run's outcome so far.</summary>
    public CmaEsResult Result() =>
        new(BestX ?? Mean, _bestValue, Mean, _evaluations, _generation, StopReason);

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x0"/>; see <see cref="Optimize"/>.</summary>
    /// <param name="objective">The function to minimise (thread-safe when evaluated in parallel).</param>
    /// <param name="x0">The start point, inside the bounds.</param>
    /// <param name="sigma0">The initial step size, &gt; 0.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public static CmaEsResult Minimize(Func<double[], double> objective, double[] x0, double sigma0,
        CmaEsOptions? options = null) =>
        new CmaEs(x0, sigma0, options).Optimize(objective);

    private static double[][] Identity(int n)
    {
        var m = new double[n][];
        for (var i = 0; i < n; i++)
        {
            m[i] = new double[n];
            m[i][i] = 1;
        }
        return m;
    }

    private static double[] CopyVector(double[]? v, int n, string name)
    {
        if (v is null || v.Length != n)
        {
            throw new ArgumentException($"the state's {name} must hold {n} values", "state");
        }
        return (double[])v.Clone();
    }

    // The saved state keeps the generator as a plain four-word array so the JSON stays readable.
    private static RandomState ToRandomState(ulong[] words)
    {
        ArgumentNullException.ThrowIfNull(words, nameof(CmaEsState.Random));
        if (words.Length != 4)
        {
            throw new ArgumentException("a generator state is four words", nameof(CmaEsState.Random));
        }
        return new RandomState(words[0], words[1], words[2], words[3]);
    }

    private static double[][] CopySquare(double[][]? m, int n, string name)
    {
        if (m is null || m.Length != n || m.Any(r => r is null || r.Length != n))
        {
            throw new ArgumentException($"the state's {name} must be {n}x{n}", "state");
        }
        return m.Select(r => (double[])r.Clone()).ToArray();
    }
}

using System.Globalization;

namespace RootSeg.Torch.Optim;

/// <summary>
/// Updates parameters from their gradients (torch.optim.Optimizer with one parameter group). The state (momentum
/// buffers, moments, step counts) is kept per parameter, readable and restorable by name, so a training
/// checkpoint can resume bit for bit. Parameters stay owned by whoever made them (a module); the optimiser owns
/// its state tensors.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Dictionary<int, OrderedDictionary<string, Tensor>> _state = [];
    private double _learningRate;
    private double[] _scales;
    private bool _disposed;

    /// <summary>Binds the optimiser to <paramref name="parameters"/> (in order: state names use their positions).</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a tensor twice.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (Parameters.Count == 0)
        {
            throw new ArgumentException("the optimiser got no parameters", nameof(parameters));
        }
        if (Parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != Parameters.Count)
        {
            throw new ArgumentException("a parameter appears more than once", nameof(parameters));
        }
        LearningRate = learningRate;
        _scales = [.. Enumerable.Repeat(1.0, Parameters.Count)];
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate of the next <see cref="Step"/> (changed by learning-rate schedules).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "must be a finite number >= 0");
            }
            _learningRate = value;
        }
    }

    /// <summary>
    /// Each parameter's learning rate as a fraction of <see cref="LearningRate"/> (all 1 at first), as PyTorch's
    /// parameter groups with their own rates give it: schedules change <see cref="LearningRate"/>, and every
    /// parameter follows in proportion.
    /// </summary>
    public IReadOnlyList<double> LearningRateScales => _scales;

    /// <summary>Sets <see cref="LearningRateScales"/>, one value per parameter in order.</summary>
    /// <exception cref="ArgumentException">The count differs from the parameters' or a value is negative or not finite.</exception>
    public void SetLearningRateScales(IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count != Parameters.Count)
        {
            throw new ArgumentException($"{scales.Count} scales for {Parameters.Count} parameters", nameof(scales));
        }
        if (scales.Any(s => !(s >= 0) || double.IsInfinity(s)))
        {
            throw new ArgumentException("every scale must be a finite number >= 0", nameof(scales));
        }
        _scales = [.. scales];
    }

    /// <summary>The learning rate of parameter <paramref name="index"/> in the next step.</summary>
    protected double LearningRateOf(int index) => LearningRate * _scales[index];

    /// <summary>Updates every parameter that has a gradient; parameters without one are left alone.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < Parameters.Count; i++)
        {
            using var grad = Parameters[i].Grad();
            if (grad is not null)
            {
                Update(i, Parameters[i]);
            }
        }
    }

    /// <summary>Applies the update rule to parameter <paramref name="index"/>, whose gradient is defined.</summary>
    protected abstract void Update(int index, Tensor parameter);

    /// <summary>The names of the state tensors this optimiser keeps per parameter.</summary>
    protected abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>Zeroes every parameter's gradient (or drops it with <paramref name="setToNone"/>).</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var parameter in Parameters)
        {
            parameter.ZeroGrad(setToNone);
        }
    }

    /// <summary>The state tensor <paramref name="name"/> of parameter <paramref name="index"/>, or null before it exists.</summary>
    protected Tensor? GetState(int index, string name) =>
        _state.TryGetValue(index, out var entries) && entries.TryGetValue(name, out var tensor) ? tensor : null;

    /// <summary>Stores a state tensor, taking ownership of it.</summary>
    protected Tensor SetState(int index, string name, Tensor tensor)
    {
        TensorScope.Detach(tensor);
        if (!_state.TryGetValue(index, out var entries))
        {
            _state[index] = entries = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        }
        if (entries.Remove(name, out var old) && !ReferenceEquals(old, tensor))
        {
            old.Dispose();
        }
        entries[name] = tensor;
        return tensor;
    }

    /// <summary>
    /// The state by "index.name" (for example "0.momentum_buffer", "3.exp_avg"), in parameter order. The tensors are
    /// the optimiser's own: save them, do not dispose them.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var index in _state.Keys.Order())
        {
            foreach (var (name, tensor) in _state[index])
            {
                result.Add(string.Create(CultureInfo.InvariantCulture, $"{index}.{name}"), tensor);
            }
        }
        return result;
    }

    /// <summary>Replaces the state with copies of <paramref name="state"/> (as written by <see cref="StateDict"/>).</summary>
    /// <exception cref="ArgumentException">A key names no parameter or no state of this optimiser, or a shape differs from the parameter's.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parsed = new List<(int Index, string Name, Tensor Value)>();
        foreach (var (key, value) in state)
        {
            var dot = key.IndexOf('.');
            if (dot <= 0 || !int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= Parameters.Count)
            {
                throw new ArgumentException($"state key '{key}' names no parameter (0 to {Parameters.Count - 1})", nameof(state));
            }
            var name = key[(dot + 1)..];
            if (!StateNames.Contains(name))
            {
                throw new ArgumentException($"state key '{key}': {GetType().Name} keeps no '{name}'", nameof(state));
            }
            ArgumentNullException.ThrowIfNull(value, $"{nameof(state)}[{key}]");
            CheckStateShape(key, name, value, Parameters[index]);
            parsed.Add((index, name, value));
        }
        ClearState();
        foreach (var (index, name, value) in parsed)
        {
            var parameter = Parameters[index];
            SetState(index, name, value.To(parameter.Device, value.DType, copy: true));
        }
    }

    /// <summary>Checks a state tensor's shape against its parameter's; step counts are scalars.</summary>
    protected virtual void CheckStateShape(string key, string name, Tensor value, Tensor parameter)
    {
        if (!value.Shape.SequenceEqual(parameter.Shape))
        {
            throw new ArgumentException($"state '{key}' has shape [{string.Join(", ", value.Shape)}], " +
                                        $"the parameter [{string.Join(", ", parameter.Shape)}]", "state");
        }
    }

    private void ClearState()
    {
        foreach (var entries in _state.Values)
        {
            foreach (var tensor in entries.Values)
            {
                tensor.Dispose();
            }
        }
        _state.Clear();
    }

    /// <summary>Disposes the state tensors (not the parameters).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        ClearState();
        GC.SuppressFinalize(this);
    }
}

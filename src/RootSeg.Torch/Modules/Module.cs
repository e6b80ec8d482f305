namespace RootSeg.Torch.Modules;

/// <summary>
/// A layer or network with named parameters (trained), buffers (state such as running statistics) and child
/// modules, following torch.nn.Module: dotted names ("0.weight", "down1.conv.bias") and state-dict order are
/// PyTorch's, so weights move between the two unchanged. A module owns its tensors and disposes them with itself.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private bool _disposed;

    /// <summary>True in training mode (the default), false in evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Runs the module on <paramref name="input"/>; the result is a new tensor.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers a trained tensor under <paramref name="name"/>; the module takes ownership and sets requires_grad.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckNewName(name);
        ArgumentNullException.ThrowIfNull(value);
        TensorScope.Detach(value);
        value.RequiresGrad = true;
        _parameters.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a state tensor (saved in the state dict, not trained); the module takes ownership.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckNewName(name);
        ArgumentNullException.ThrowIfNull(value);
        TensorScope.Detach(value);
        _buffers.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a child module whose names get the prefix "<paramref name="name"/>."; the module takes ownership.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckNewName(name);
        ArgumentNullException.ThrowIfNull(module);
        _children.Add(new(name, module));
        return module;
    }

    private void CheckNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
        {
            throw new ArgumentException($"'{name}' contains a dot, which separates names of nested modules", nameof(name));
        }
        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name) || _children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"'{name}' is already registered in {GetType().Name}", nameof(name));
        }
    }

    /// <summary>The direct children with their names, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children.Select(c => (c.Key, c.Value));

    /// <summary>This module and every module below it, each before its children, in registration order (torch's modules()).</summary>
    public IEnumerable<Module> Modules() => _children.SelectMany(c => c.Value.Modules()).Prepend(this);

    /// <summary>Every parameter with its dotted name: this module's first, then each child's (torch's named_parameters).</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters() => Walk(m => m._parameters);

    /// <summary>Every parameter, in <see cref="NamedParameters"/> order (owned by the module).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => Walk(m => m._buffers);

    private IEnumerable<(string, Tensor)> Walk(Func<Module, List<KeyValuePair<string, Tensor>>> select, string prefix = "")
    {
        foreach (var entry in select(this))
        {
            yield return (prefix + entry.Key, entry.Value);
        }
        foreach (var child in _children)
        {
            foreach (var item in child.Value.Walk(select, prefix + child.Key + "."))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Parameters and buffers by dotted name in PyTorch's state_dict order (each module's parameters, then its
    /// buffers, then its children). The tensors are the module's own: read or save them, do not dispose them.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        AddState(result, "");
        return result;
    }

    private void AddState(OrderedDictionary<string, Tensor> result, string prefix)
    {
        foreach (var p in _parameters)
        {
            result.Add(prefix + p.Key, p.Value);
        }
        foreach (var b in _buffers)
        {
            result.Add(prefix + b.Key, b.Value);
        }
        foreach (var child in _children)
        {
            child.Value.AddState(result, prefix + child.Key + ".");
        }
    }

    /// <summary>
    /// Copies values into the module's parameters and buffers by name (converting type and device). Nothing is
    /// copied unless every shape matches.
    /// </summary>
    /// <param name="state">Tensors by dotted name (not taken over: the caller still owns them).</param>
    /// <param name="strict">Require exactly the module's names: no key missing, none unexpected.</param>
    /// <exception cref="ArgumentException">Keys are missing or unexpected (strict), or a shape differs; the message lists them all.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        var problems = new List<string>();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"missing keys: {string.Join(", ", missing)}");
            }
            if (unexpected.Count > 0)
            {
                problems.Add($"unexpected keys: {string.Join(", ", unexpected)}");
            }
        }
        foreach (var (name, target) in own)
        {
            if (state.TryGetValue(name, out var source))
            {
                ArgumentNullException.ThrowIfNull(source, $"{nameof(state)}[{name}]");
                if (!source.Shape.SequenceEqual(target.Shape))
                {
                    problems.Add($"{name}: shape [{string.Join(", ", source.Shape)}] in the state dict, " +
                                 $"[{string.Join(", ", target.Shape)}] in the module");
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"cannot load the state dict into {GetType().Name}: {string.Join("; ", problems)}", nameof(state));
        }
        using var noGrad = NoGradScope.Enter();
        foreach (var (name, target) in own)
        {
            if (state.TryGetValue(name, out var source))
            {
                target.Copy_(source);
            }
        }
    }

    /// <summary>Sets training (true) or evaluation mode on this module and all children.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var child in _children)
        {
            child.Value.Train(training);
        }
        return this;
    }

    /// <summary>Evaluation mode: batch norm uses running statistics.</summary>
    public Module Eval() => Train(false);

    /// <summary>
    /// Lays every 4-dimensional parameter (convolution kernels) out channels-last in place, keeping values, autograd
    /// identity and optimiser bindings; with channels-last inputs the convolutions then run without reorders.
    /// </summary>
    /// <returns>This module.</returns>
    public Module ToChannelsLast()
    {
        foreach (var (_, parameter) in NamedParameters())
        {
            if (parameter.Dimensions == 4)
            {
                using var relaid = parameter.ContiguousChannelsLast();
                parameter.SetData_(relaid);
            }
        }
        return this;
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place, keeping the tensor objects (module.to).</summary>
    public Module To(Device device)
    {
        using var noGrad = NoGradScope.Enter();
        foreach (var (_, tensor) in StateDict())
        {
            if (tensor.Device != device)
            {
                using var moved = tensor.To(device);
                tensor.SetData_(moved);
            }
        }
        return this;
    }

    /// <summary>Zeroes every parameter's gradient (or drops it with <paramref name="setToNone"/>).</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var parameter in Parameters())
        {
            parameter.ZeroGrad(setToNone);
        }
    }

    /// <summary>Disposes the parameters, buffers and children.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var p in _parameters)
        {
            p.Value.Dispose();
        }
        foreach (var b in _buffers)
        {
            b.Value.Dispose();
        }
        foreach (var c in _children)
        {
            c.Value.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}

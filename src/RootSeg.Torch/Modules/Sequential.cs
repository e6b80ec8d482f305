namespace RootSeg.Torch.Modules;

/// <summary>
/// Modules applied one after the other (torch.nn.Sequential), named "0", "1", ... as in PyTorch so that state-dict
/// keys agree. Intermediate results are disposed as soon as the next module has consumed them.
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _modules = [];

    /// <summary>Creates the chain; it takes ownership of <paramref name="modules"/>.</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            Append(module);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => _modules.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module this[int index] => _modules[index];

    /// <summary>Adds <paramref name="module"/> at the end, named by its position; takes ownership.</summary>
    public Sequential Append(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        RegisterModule(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _modules.Add(module);
        return this;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var module in _modules)
        {
            var y = module.Forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y))
            {
                x.Dispose();
            }
            x = y;
        }
        return ReferenceEquals(x, input) ? input.View(input.Shape) : x;
    }
}

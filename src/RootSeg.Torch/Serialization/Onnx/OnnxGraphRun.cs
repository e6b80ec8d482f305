namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>
/// One execution of an <see cref="OnnxModel"/>'s graph: nodes in order, each value kept until the last node that
/// reads it (or returned, when asked for), initializers and inputs only read.
/// </summary>
internal sealed class OnnxGraphRun
{
    private readonly OnnxModel _model;
    private readonly IReadOnlyDictionary<string, Tensor> _inputs;
    private readonly HashSet<string> _wanted;
    private readonly Dictionary<string, Tensor> _owned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastRead = new(StringComparer.Ordinal);

    public OnnxGraphRun(OnnxModel model, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string> wanted)
    {
        (_model, _inputs, _wanted) = (model, inputs, new HashSet<string>(wanted, StringComparer.Ordinal));
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            foreach (var name in model.Nodes[i].Inputs)
            {
                _lastRead[name] = i;
            }
        }
    }

    public Dictionary<string, Tensor> Execute()
    {
        try
        {
            using var noGrad = NoGradScope.Enter();
            for (var i = 0; i < _model.Nodes.Count; i++)
            {
                RunNode(i);
            }
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var name in _wanted)
            {
                result[name] = _owned.Remove(name, out var value) ? value : Find(name)!.Clone();
            }
            return result;
        }
        finally
        {
            foreach (var tensor in _owned.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private void RunNode(int index)
    {
        var node = _model.Nodes[index];
        var arguments = node.Inputs.Select(name =>
            name.Length == 0
                ? null
                : Find(name) ?? throw new WeightFileException(_model.Path, $"node '{node.Name}' reads '{name}' before any node writes it")).ToList();
        Tensor[] results;
        try
        {
            results = OnnxOperators.Run(node, arguments, _model.Opset);
        }
        catch (OnnxNodeException e)
        {
            throw new WeightFileException(_model.Path, e.Message, e);
        }
        catch (FormatException e)
        {
            throw new WeightFileException(_model.Path, $"node '{node.Name}' ({node.OpType}): {e.Message}", e);
        }
        catch (TorchException e)
        {
            throw new WeightFileException(_model.Path, $"node '{node.Name}' ({node.OpType}) failed: {e.Message}", e);
        }
        for (var i = 0; i < results.Length; i++)
        {
            var name = i < node.Outputs.Count ? node.Outputs[i] : "";
            if (name.Length == 0 || (!_wanted.Contains(name) && !_lastRead.ContainsKey(name)))
            {
                results[i].Dispose();
                continue;
            }
            if (_owned.Remove(name, out var previous))
            {
                previous.Dispose();
            }
            _owned[name] = results[i];
        }
        foreach (var name in node.Inputs.Distinct())
        {
            if (_lastRead.TryGetValue(name, out var last) && last == index && !_wanted.Contains(name)
                && _owned.Remove(name, out var done))
            {
                done.Dispose();
            }
        }
    }

    private Tensor? Find(string name) =>
        _owned.TryGetValue(name, out var owned) ? owned
        : _inputs.TryGetValue(name, out var input) ? input
        : _model.Initializers.TryGetValue(name, out var initializer) ? initializer
        : null;
}

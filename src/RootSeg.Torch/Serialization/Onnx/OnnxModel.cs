using Google.Protobuf;
using Onnx;

namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>
/// An ONNX model (Open Neural Network Exchange, onnx.ai, IR and operator specifications) read into the engine: its
/// graph's nodes, inputs and outputs, and its initializers (the trained weights) as tensors, which
/// <see cref="Run"/> executes for the operators in <see cref="SupportedOperators"/>. The protobuf is parsed by
/// OnnxSharp's generated ONNX classes over Google.Protobuf. Owns the initializer tensors.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    /// <summary>Lowest opset of the default ONNX domain this reader runs (numpy-style broadcasting began with 7).</summary>
    public const long MinimumOpset = 7;

    /// <summary>Highest opset of the default ONNX domain this reader runs.</summary>
    public const long MaximumOpset = 17;

    private readonly Dictionary<string, Tensor> _initializers;
    private bool _disposed;

    private OnnxModel(string path, long opset, string producer, IReadOnlyList<OnnxNode> nodes,
        IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs, Dictionary<string, Tensor> initializers)
    {
        (Path, Opset, Producer, Nodes, Inputs, Outputs, _initializers) = (path, opset, producer, nodes, inputs, outputs, initializers);
    }

    /// <summary>The operators <see cref="Run"/> executes; a file with any other is refused by <see cref="Read"/>.</summary>
    public static IReadOnlyList<string> SupportedOperators => OnnxOperators.Supported;

    /// <summary>The file the model was read from.</summary>
    public string Path { get; }

    /// <summary>The opset version of the default ONNX domain.</summary>
    public long Opset { get; }

    /// <summary>The producer recorded in the file, with its version (e.g. "CNTK 2.7").</summary>
    public string Producer { get; }

    /// <summary>The operators in execution (topological) order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The graph inputs a caller must feed (initializers excluded).</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>The graph outputs.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>The initializers by name; owned by the model: read or copy them, do not dispose them.</summary>
    public IReadOnlyDictionary<string, Tensor> Initializers => _initializers;

    /// <summary>Reads an ONNX model file.</summary>
    /// <param name="path">A .onnx file with its weights inside (no external data).</param>
    /// <returns>The model; the caller disposes it.</returns>
    /// <exception cref="WeightFileException">The file is missing, is not an ONNX model, uses an opset or a domain
    /// outside what RootSeg reads, holds an operator RootSeg does not run (named with its node), or an initializer
    /// it cannot convert.</exception>
    public static OnnxModel Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var proto = Parse(path);
        var graph = proto.Graph ?? throw new WeightFileException(path, "holds no graph, so it is not an ONNX model");
        var opset = ReadOpset(proto, path);
        var nodes = graph.Node.Select((n, i) => ToNode(n, i, path)).ToList();
        var initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var initializer in graph.Initializer)
            {
                if (!initializers.TryAdd(initializer.Name, OnnxTensors.ToTensor(initializer, path)))
                {
                    throw new WeightFileException(path, $"two initializers are called '{initializer.Name}'");
                }
            }
        }
        catch
        {
            foreach (var tensor in initializers.Values)
            {
                tensor.Dispose();
            }
            throw;
        }
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).Select(ToValueInfo).ToList();
        var outputs = graph.Output.Select(ToValueInfo).ToList();
        var producer = $"{proto.ProducerName} {proto.ProducerVersion}".Trim();
        return new OnnxModel(path, opset, producer, nodes, inputs, outputs, initializers);
    }

    /// <summary>
    /// Runs the graph on <paramref name="inputs"/> and returns the values named in <paramref name="outputs"/> (the
    /// graph's outputs when null): any value a node writes can be asked for, so intermediate features can be read
    /// without editing the graph. Intermediates are disposed as soon as no later node reads them.
    /// </summary>
    /// <param name="inputs">A tensor for every name in <see cref="Inputs"/>; only read.</param>
    /// <param name="outputs">Names of the values to return.</param>
    /// <returns>New tensors by name; the caller disposes them.</returns>
    /// <exception cref="ArgumentException">An input is missing, or an output name is no value of the graph.</exception>
    /// <exception cref="WeightFileException">A node cannot run (the message names it and the reason).</exception>
    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(inputs);
        var wanted = outputs ?? Outputs.Select(o => o.Name).ToList();
        foreach (var input in Inputs)
        {
            if (!inputs.ContainsKey(input.Name))
            {
                throw new ArgumentException($"{Path}: the graph input '{input.Name}' was not given", nameof(inputs));
            }
        }
        var written = new HashSet<string>(Nodes.SelectMany(n => n.Outputs), StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            if (!written.Contains(name) && !inputs.ContainsKey(name) && !_initializers.ContainsKey(name))
            {
                throw new ArgumentException($"{Path}: no node writes a value called '{name}'", nameof(outputs));
            }
        }
        return new OnnxGraphRun(this, inputs, wanted).Execute();
    }

    /// <summary>Disposes the initializer tensors.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var tensor in _initializers.Values)
        {
            tensor.Dispose();
        }
    }

    private static ModelProto Parse(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (FileNotFoundException e)
        {
            throw new WeightFileException(path, "does not exist", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new WeightFileException(path, "does not exist", e);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new WeightFileException(path, $"is not an ONNX model ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static long ReadOpset(ModelProto proto, string path)
    {
        var imports = proto.OpsetImport.ToList();
        var other = imports.Where(o => o.Domain is not ("" or "ai.onnx")).Select(o => o.Domain).ToList();
        var usedDomains = proto.Graph.Node.Select(n => n.Domain).Where(d => d is not ("" or "ai.onnx")).Distinct().ToList();
        if (usedDomains.Count > 0)
        {
            throw new WeightFileException(path, $"uses operators of the domain '{usedDomains[0]}'; RootSeg runs only the default ONNX domain");
        }
        var standard = imports.FirstOrDefault(o => o.Domain is "" or "ai.onnx")
            ?? throw new WeightFileException(path, $"imports no opset of the default ONNX domain (only {string.Join(", ", other)})");
        if (standard.Version is < MinimumOpset or > MaximumOpset)
        {
            throw new WeightFileException(path,
                $"uses ONNX opset {standard.Version}; RootSeg reads opsets {MinimumOpset} to {MaximumOpset}");
        }
        return standard.Version;
    }

    private static OnnxNode ToNode(NodeProto node, int position, string path)
    {
        var name = node.Name.Length > 0 ? node.Name : $"#{position}";
        if (!OnnxOperators.IsSupported(node.OpType))
        {
            throw new WeightFileException(path,
                $"node '{name}' uses the ONNX operator '{node.OpType}', which RootSeg does not run " +
                $"(it runs {string.Join(", ", OnnxOperators.Supported)})");
        }
        return new OnnxNode(name, node.OpType, [.. node.Input], [.. node.Output], new OnnxAttributes(node.Attribute));
    }

    private static OnnxValueInfo ToValueInfo(ValueInfoProto info)
    {
        var dims = info.Type?.TensorType?.Shape?.Dim;
        IReadOnlyList<long?> shape = dims is null
            ? []
            : dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToList();
        return new OnnxValueInfo(info.Name, shape);
    }
}

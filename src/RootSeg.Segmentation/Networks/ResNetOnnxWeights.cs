using RootSeg.Torch;
using RootSeg.Torch.Serialization;
using RootSeg.Torch.Serialization.Onnx;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// Finds the weights of a ResNet-18 (He et al. 2016, doi:10.1109/CVPR.2016.90) in an ONNX graph by its structure,
/// not by tensor names (exporters name them freely, CNTK "Parameter96"): the stem is the first convolution, followed
/// by batch norm, ReLU and max pooling; every residual block is an Add node whose one input comes through
/// conv-BN-ReLU-conv-BN and whose other is either the block's input or a 1x1 conv-BN (the downsampling shortcut).
/// Blocks follow in graph order; a new stage begins with each downsampling block after the first stage. Each
/// convolution's kernel, stride and padding are checked against <see cref="ResNetEncoder"/>'s.
/// </summary>
internal static class ResNetOnnxWeights
{
    /// <summary>
    /// The encoder's weights by torchvision name (conv1.weight, bn1.running_mean, layer2.0.downsample.0.weight, ...)
    /// and its blocks per stage.
    /// </summary>
    /// <exception cref="WeightFileException">The graph is not a ResNet-18 of this layout.</exception>
    public static (List<(string Name, Tensor Value)> Weights, int[] Blocks) Map(OnnxModel model)
    {
        try
        {
            return MapGraph(model);
        }
        catch (FormatException e)
        {
            throw new WeightFileException(model.Path, $"is not the ResNet-18 RootSeg reads as an encoder: {e.Message}", e);
        }
    }

    private static (List<(string Name, Tensor Value)> Weights, int[] Blocks) MapGraph(OnnxModel model)
    {
        var graph = new Graph(model);
        var result = new List<(string, Tensor)>();
        var stem = model.Nodes.FirstOrDefault(n => n.OpType == "Conv")
            ?? throw graph.Problem("holds no convolution");
        graph.AddConvolution(result, "conv1", stem, kernel: 7, stride: 2, pad: 3);
        var stemNorm = graph.OnlyReader(stem.Outputs[0], "BatchNormalization");
        graph.AddNorm(result, "bn1", stemNorm);
        var pool = graph.OnlyReader(graph.OnlyReader(stemNorm.Outputs[0], "Relu").Outputs[0], "MaxPool");
        graph.CheckPool(pool);

        var blocks = new int[4];
        var stage = 0;
        foreach (var add in model.Nodes.Where(n => n.OpType == "Add"))
        {
            var (main, shortcut) = graph.Branches(add);
            if (shortcut is not null && blocks[stage] > 0)
            {
                stage++;
                if (stage == blocks.Length)
                {
                    throw graph.Problem($"has more than four stages (a fifth begins at {add.Name})");
                }
            }
            var prefix = $"layer{stage + 1}.{blocks[stage]}";
            var stride = stage > 0 && blocks[stage] == 0 ? 2 : 1;
            blocks[stage]++;
            var bn2 = main;
            var conv2 = graph.Writer(bn2.Inputs[0], "Conv");
            var relu = graph.Writer(conv2.Inputs[0], "Relu");
            var bn1 = graph.Writer(relu.Inputs[0], "BatchNormalization");
            var conv1 = graph.Writer(bn1.Inputs[0], "Conv");
            graph.AddConvolution(result, $"{prefix}.conv1", conv1, kernel: 3, stride: stride, pad: 1);
            graph.AddNorm(result, $"{prefix}.bn1", bn1);
            graph.AddConvolution(result, $"{prefix}.conv2", conv2, kernel: 3, stride: 1, pad: 1);
            graph.AddNorm(result, $"{prefix}.bn2", bn2);
            if (shortcut is not null)
            {
                graph.AddConvolution(result, $"{prefix}.downsample.0", graph.Writer(shortcut.Inputs[0], "Conv"), kernel: 1, stride: stride, pad: 0);
                graph.AddNorm(result, $"{prefix}.downsample.1", shortcut);
            }
            else if (stride != 1)
            {
                throw graph.Problem($"block {prefix} ({add.Name}) begins a stage but has no downsampling shortcut");
            }
        }
        if (blocks.Any(b => b == 0))
        {
            throw graph.Problem($"has residual blocks [{string.Join(", ", blocks)}] per stage, not four stages");
        }
        return (result, blocks);
    }

    private sealed class Graph(OnnxModel model)
    {
        private readonly Dictionary<string, OnnxNode> _writers = model.Nodes
            .SelectMany(n => n.Outputs.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);

        public WeightFileException Problem(string text) =>
            new(model.Path, $"is not the ResNet-18 RootSeg reads as an encoder: the graph {text}");

        public OnnxNode Writer(string value, string opType) =>
            _writers.TryGetValue(value, out var node) && node.OpType == opType
                ? node
                : throw Problem($"computes '{value}' with {(_writers.TryGetValue(value, out var other) ? other.OpType : "no node")}, where {opType} was expected");

        public OnnxNode OnlyReader(string value, string opType)
        {
            var readers = model.Nodes.Where(n => n.Inputs.Contains(value)).ToList();
            return readers.Count == 1 && readers[0].OpType == opType
                ? readers[0]
                : throw Problem($"reads '{value}' in {string.Join(", ", readers.Select(r => r.OpType))}, where one {opType} was expected");
        }

        // The branch through conv-BN-ReLU-conv-BN (its last BN), and the shortcut's BN or null for an identity.
        public (OnnxNode Main, OnnxNode? Shortcut) Branches(OnnxNode add)
        {
            if (add.Inputs.Count != 2)
            {
                throw Problem($"adds {add.Inputs.Count} values in {add.Name}");
            }
            var writers = add.Inputs.Select(i => _writers.GetValueOrDefault(i)).ToArray();
            bool IsMain(OnnxNode? n) => n?.OpType == "BatchNormalization"
                && _writers.GetValueOrDefault(n.Inputs[0]) is { OpType: "Conv" } conv
                && _writers.GetValueOrDefault(conv.Inputs[0])?.OpType == "Relu";
            var mainIndex = IsMain(writers[0]) ? 0 : IsMain(writers[1]) ? 1 : throw Problem($"has no conv-BN-ReLU-conv-BN branch into {add.Name}");
            var other = writers[1 - mainIndex];
            var shortcut = other?.OpType == "BatchNormalization" ? other : null;
            return (writers[mainIndex]!, shortcut);
        }

        public void AddConvolution(List<(string, Tensor)> result, string name, OnnxNode conv, int kernel, int stride, int pad)
        {
            var a = conv.Attributes;
            var strides = a.Ints("strides") ?? [1, 1];
            var pads = a.Ints("pads") ?? [0, 0, 0, 0];
            if (conv.Inputs.Count > 2 && conv.Inputs[2].Length > 0)
            {
                throw Problem($"gives {conv.Name} a bias, which ResNet convolutions followed by batch norm do not have");
            }
            if (a.Int("group", 1) != 1 || (a.Ints("dilations") ?? [1, 1]).Any(d => d != 1)
                || !strides.SequenceEqual(new long[] { stride, stride }) || pads.Length != 4 || pads[0] != pad || pads[1] != pad
                || pads[2] > pad || pads[3] > pad)
            {
                throw Problem($"runs {conv.Name} with strides [{string.Join(", ", strides)}] and pads [{string.Join(", ", pads)}], " +
                              $"not the {kernel}x{kernel} stride-{stride} convolution padded by {pad} of {name}");
            }
            var weight = Initializer(conv, 1);
            if (weight.Dimensions != 4 || weight.Size(2) != kernel || weight.Size(3) != kernel)
            {
                throw Problem($"gives {conv.Name} a kernel of shape [{string.Join(", ", weight.Shape)}], not {kernel}x{kernel}");
            }
            result.Add(($"{name}.weight", weight));
        }

        public void AddNorm(List<(string, Tensor)> result, string name, OnnxNode norm)
        {
            if (Math.Abs(norm.Attributes.Float("epsilon", 1e-5f) - 1e-5f) > 1e-9f)
            {
                throw Problem($"uses epsilon {norm.Attributes.Float("epsilon", 1e-5f)} in {norm.Name}, not 1e-5");
            }
            result.Add(($"{name}.weight", Initializer(norm, 1)));
            result.Add(($"{name}.bias", Initializer(norm, 2)));
            result.Add(($"{name}.running_mean", Initializer(norm, 3)));
            result.Add(($"{name}.running_var", Initializer(norm, 4)));
        }

        public void CheckPool(OnnxNode pool)
        {
            var a = pool.Attributes;
            var pads = a.Ints("pads") ?? [0, 0, 0, 0];
            if (!(a.Ints("kernel_shape") ?? []).SequenceEqual(new long[] { 3, 3 }) || !(a.Ints("strides") ?? []).SequenceEqual(new long[] { 2, 2 })
                || pads.Length != 4 || pads[0] != 1 || pads[1] != 1 || pads[2] > 1 || pads[3] > 1)
            {
                throw Problem($"pools with {pool.Name} otherwise than 3x3, stride 2, padded by 1");
            }
        }

        private Tensor Initializer(OnnxNode node, int input) =>
            input < node.Inputs.Count && model.Initializers.TryGetValue(node.Inputs[input], out var tensor)
                ? tensor
                : throw Problem($"gives {node.Name} no stored value for its input {input}");
    }
}

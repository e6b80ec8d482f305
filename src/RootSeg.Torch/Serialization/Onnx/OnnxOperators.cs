namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>
/// The ONNX operators RootSeg runs, with the semantics of the ONNX operator specification (opsets 7 to 13): those of
/// image CNNs such as ResNet (He et al. 2016, doi:10.1109/CVPR.2016.90) in inference mode, and of their
/// preprocessing graphs. 2-D (N, C, H, W) data; explicit padding only (<c>auto_pad</c> NOTSET or VALID).
/// </summary>
internal static class OnnxOperators
{
    public static IReadOnlyList<string> Supported { get; } =
        ["Add", "AveragePool", "BatchNormalization", "Concat", "Conv", "MaxPool", "Relu", "Split", "Sub"];

    public static bool IsSupported(string opType) => Supported.Contains(opType, StringComparer.Ordinal);

    /// <summary>Runs <paramref name="node"/> on its inputs (null for an omitted optional one); returns new tensors.</summary>
    /// <exception cref="OnnxNodeException">An attribute or input is outside what RootSeg supports.</exception>
    public static Tensor[] Run(OnnxNode node, IReadOnlyList<Tensor?> inputs, long opset) => node.OpType switch
    {
        "Conv" => [Conv(node, inputs)],
        "BatchNormalization" => [BatchNormalization(node, inputs)],
        "Relu" => [Functional.Relu(Required(node, inputs, 0))],
        "Add" => [Required(node, inputs, 0).Add(Required(node, inputs, 1))],
        "Sub" => [Required(node, inputs, 0).Sub(Required(node, inputs, 1))],
        "MaxPool" => [MaxPool(node, inputs)],
        "AveragePool" => [AveragePool(node, inputs)],
        "Concat" => [Functional.Cat(inputs.Select((t, i) => Required(node, inputs, i)).ToArray(), node.Attributes.Int("axis", 0))],
        "Split" => Split(node, inputs, opset),
        _ => throw new OnnxNodeException(node, $"the operator '{node.OpType}' is not supported"),
    };

    private static Tensor Conv(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(node, inputs, 0);
        var weight = Required(node, inputs, 1);
        var bias = inputs.Count > 2 ? inputs[2] : null;
        if (weight.Dimensions != 4)
        {
            throw new OnnxNodeException(node, $"only 2-D convolutions are supported, the kernel has {weight.Dimensions} dimensions");
        }
        var a = node.Attributes;
        var kernel = a.Ints("kernel_shape");
        if (kernel is not null && (kernel.Length != 2 || kernel[0] != weight.Size(2) || kernel[1] != weight.Size(3)))
        {
            throw new OnnxNodeException(node, $"kernel_shape [{string.Join(", ", kernel)}] does not match the kernel's [{weight.Size(2)}, {weight.Size(3)}]");
        }
        var stride = Pair(node, "strides", a.Ints("strides"), 1);
        var dilation = Pair(node, "dilations", a.Ints("dilations"), 1);
        var (begin, end) = Pads(node);
        if (begin.SequenceEqual(end))
        {
            return Functional.Conv2d(x, weight, bias, stride, begin, dilation, a.Int("group", 1));
        }
        using var padded = Functional.Pad(x, [begin[1], end[1], begin[0], end[0]]);
        return Functional.Conv2d(padded, weight, bias, stride, [0, 0], dilation, a.Int("group", 1));
    }

    private static Tensor BatchNormalization(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        if (node.Outputs.Count(o => o.Length > 0) > 1)
        {
            throw new OnnxNodeException(node, "only inference mode (one output) is supported, not training outputs");
        }
        if (node.Attributes.Int("spatial", 1) != 1)
        {
            throw new OnnxNodeException(node, "spatial=0 (statistics per activation) is not supported");
        }
        return Functional.BatchNorm(Required(node, inputs, 0), Required(node, inputs, 3), Required(node, inputs, 4),
            Required(node, inputs, 1), Required(node, inputs, 2), training: false, eps: node.Attributes.Float("epsilon", 1e-5f));
    }

    private static Tensor MaxPool(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        if (node.Outputs.Count(o => o.Length > 0) > 1)
        {
            throw new OnnxNodeException(node, "the Indices output is not supported");
        }
        var a = node.Attributes;
        var kernel = Pair(node, "kernel_shape", a.Ints("kernel_shape"), null);
        var stride = Pair(node, "strides", a.Ints("strides"), 1);
        var dilation = Pair(node, "dilations", a.Ints("dilations"), 1);
        var ceil = a.Int("ceil_mode", 0) != 0;
        var (begin, end) = Pads(node);
        var x = Required(node, inputs, 0);
        if (begin.SequenceEqual(end))
        {
            return Functional.MaxPool2d(x, kernel, stride, begin, dilation, ceil);
        }
        // Padding never wins a maximum: pad with -inf, then pool without padding.
        using var padded = Functional.Pad(x, [begin[1], end[1], begin[0], end[0]], PadMode.Constant, double.NegativeInfinity);
        return Functional.MaxPool2d(padded, kernel, stride, [0, 0], dilation, ceil);
    }

    private static Tensor AveragePool(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var a = node.Attributes;
        var kernel = Pair(node, "kernel_shape", a.Ints("kernel_shape"), null);
        var stride = Pair(node, "strides", a.Ints("strides"), 1);
        var (begin, end) = Pads(node);
        if (!begin.SequenceEqual(end))
        {
            throw new OnnxNodeException(node, "average pooling with unequal begin and end pads is not supported");
        }
        return Functional.AvgPool2d(Required(node, inputs, 0), kernel, stride, begin, a.Int("ceil_mode", 0) != 0,
            a.Int("count_include_pad", 0) != 0);
    }

    private static Tensor[] Split(OnnxNode node, IReadOnlyList<Tensor?> inputs, long opset)
    {
        var x = Required(node, inputs, 0);
        var axis = node.Attributes.Int("axis", 0);
        var dim = axis < 0 ? axis + x.Dimensions : axis;
        if (dim < 0 || dim >= x.Dimensions)
        {
            throw new OnnxNodeException(node, $"axis {axis} is outside a {x.Dimensions}-dimensional input");
        }
        long[]? sizes = opset >= 13
            ? inputs.Count > 1 && inputs[1] is { } given ? given.ToArray<long>() : null
            : node.Attributes.Ints("split");
        var parts = node.Outputs.Count;
        var length = x.Size((int)dim);
        if (sizes is null)
        {
            if (length % parts != 0)
            {
                throw new OnnxNodeException(node, $"{length} elements along axis {axis} do not split into {parts} equal parts");
            }
            sizes = Enumerable.Repeat(length / parts, parts).ToArray();
        }
        if (sizes.Length != parts || sizes.Sum() != length || sizes.Any(s => s < 0))
        {
            throw new OnnxNodeException(node, $"split sizes [{string.Join(", ", sizes)}] do not cut {length} elements into {parts} outputs");
        }
        var result = new Tensor[parts];
        long start = 0;
        for (var i = 0; i < parts; i++)
        {
            result[i] = x.Narrow(dim, start, sizes[i]);
            start += sizes[i];
        }
        return result;
    }

    private static (long[] Begin, long[] End) Pads(OnnxNode node)
    {
        var autoPad = node.Attributes.String("auto_pad", "NOTSET");
        if (autoPad == "VALID")
        {
            return ([0, 0], [0, 0]);
        }
        if (autoPad != "NOTSET")
        {
            throw new OnnxNodeException(node, $"auto_pad {autoPad} is not supported (only explicit pads)");
        }
        var pads = node.Attributes.Ints("pads") ?? [0, 0, 0, 0];
        if (pads.Length != 4 || pads.Any(p => p < 0))
        {
            throw new OnnxNodeException(node, $"pads [{string.Join(", ", pads)}] are not four sizes >= 0 of a 2-D operator");
        }
        return ([pads[0], pads[1]], [pads[2], pads[3]]);
    }

    private static long[] Pair(OnnxNode node, string name, long[]? values, long? fallback)
    {
        if (values is null)
        {
            return fallback is { } f ? [f, f] : throw new OnnxNodeException(node, $"the attribute {name} is required");
        }
        if (values.Length != 2)
        {
            throw new OnnxNodeException(node, $"{name} [{string.Join(", ", values)}] does not hold two sizes (2-D operators only)");
        }
        return values;
    }

    private static Tensor Required(OnnxNode node, IReadOnlyList<Tensor?> inputs, int index) =>
        index < inputs.Count && inputs[index] is { } tensor
            ? tensor
            : throw new OnnxNodeException(node, $"input {index} is missing");
}

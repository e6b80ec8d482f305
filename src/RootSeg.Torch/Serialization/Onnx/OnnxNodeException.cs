namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>A node of an ONNX graph uses an operator, attribute or input form that RootSeg does not run.</summary>
public sealed class OnnxNodeException : Exception
{
    /// <summary>Creates the exception for <paramref name="node"/>.</summary>
    public OnnxNodeException(OnnxNode node, string problem)
        : base($"node '{node?.Name}' ({node?.OpType}): {problem}")
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
    }

    /// <summary>The node.</summary>
    public OnnxNode Node { get; }
}

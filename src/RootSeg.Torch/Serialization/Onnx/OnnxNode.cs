namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>One operator of an ONNX graph: its type, the names of the values it reads and writes, its attributes.</summary>
/// <param name="Name">The node's name (may be empty in a file; the reader then names it by position).</param>
/// <param name="OpType">The operator, e.g. "Conv".</param>
/// <param name="Inputs">Names of the values read, in the operator's order; an empty name is an omitted optional input.</param>
/// <param name="Outputs">Names of the values written.</param>
/// <param name="Attributes">The operator's attributes.</param>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    OnnxAttributes Attributes);

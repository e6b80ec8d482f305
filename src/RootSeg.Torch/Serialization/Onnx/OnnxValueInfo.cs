namespace RootSeg.Torch.Serialization.Onnx;

/// <summary>A graph input or output: its name and declared shape (null for a symbolic or unknown dimension).</summary>
/// <param name="Name">The value's name.</param>
/// <param name="Shape">The declared sizes, outermost first.</param>
public sealed record OnnxValueInfo(string Name, IReadOnlyList<long?> Shape);

namespace RootSeg.Torch.Serialization;

/// <summary>What a safetensors file holds: its tensors in header order and its <c>__metadata__</c> strings.</summary>
/// <param name="Tensors">The tensors, in the order the header lists them.</param>
/// <param name="Metadata">The free-form string map (empty when the file has none).</param>
public sealed record SafetensorsContents(StateDict Tensors, IReadOnlyDictionary<string, string> Metadata);

namespace RootSeg.Torch.Serialization;

/// <summary>One tensor's header record in a safetensors file: where its bytes lie relative to the data section.</summary>
internal sealed record SafetensorsEntry(string Name, StoredDType DType, long[] Shape, long Begin, long End);

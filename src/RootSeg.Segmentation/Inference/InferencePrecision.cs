namespace RootSeg.Segmentation.Inference;

/// <summary>The arithmetic a <see cref="Segmenter"/> runs the network in.</summary>
public enum InferencePrecision
{
    /// <summary>float32 throughout, as the paper's PyTorch code (the default).</summary>
    Float32,

    /// <summary>
    /// Mixed precision (autocast): convolutions in bfloat16, normalisation and softmax in float32. On a GPU with
    /// bfloat16 tensor cores several times faster; masks differ from float32 ones on a small share of pixels near the
    /// 0.5 threshold (measured agreement: README "On an NVIDIA GPU").
    /// </summary>
    BFloat16,
}

namespace RootSeg.Segmentation.Networks;

/// <summary>The arithmetic a network is trained or run in.</summary>
public enum ComputePrecision
{
    /// <summary>float32 throughout, as the paper's PyTorch code (the default).</summary>
    Float32,

    /// <summary>
    /// Mixed precision (autocast): convolutions in bfloat16, normalisation, softmax and the loss in float32. Several
    /// times faster on a GPU with bfloat16 tensor cores and 1.6-1.9x on CPUs with AVX-512 BF16; masks differ from
    /// float32 ones on a small share of pixels near the threshold (measured agreement: README "On an NVIDIA GPU").
    /// </summary>
    BFloat16,
}

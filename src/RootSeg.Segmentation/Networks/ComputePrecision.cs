namespace RootSeg.Segmentation.Networks;

/// <summary>The arithmetic a network is trained or run in.</summary>
public enum ComputePrecision
{
    /// <summary>float32 throughout, as the paper's PyTorch code (the default).</summary>
    Float32,

    /// <summary>
    /// Mixed precision (autocast): convolutions in bfloat16, normalisation, softmax and the loss in float32. For GPUs
    /// with bfloat16 tensor cores and CPUs with AVX-512 BF16 (a training step 1.6-1.8x faster in python3-torch, an
    /// epoch 1.33x in RootSeg, README "Training recipes"); masks differ from float32 ones near the threshold.
    /// </summary>
    BFloat16,
}

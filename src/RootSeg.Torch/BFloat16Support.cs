namespace RootSeg.Torch;

/// <summary>How a CPU computes bfloat16 convolutions (<see cref="ProcessorFeatures.BFloat16"/>).</summary>
public enum BFloat16Support
{
    /// <summary>In hardware (AVX-512 BF16 or AMX): oneDNN's bfloat16 convolutions run 1.6-2x faster than float32 ones.</summary>
    Native,

    /// <summary>
    /// Emulated by oneDNN with AVX-512 (processors with AVX-512 but without its BF16 extension, such as Intel's
    /// Skylake to Ice Lake servers): float32 accumulation, so the rounding of bfloat16 inputs only, but slower than
    /// float32.
    /// </summary>
    EmulatedByOneDnn,

    /// <summary>
    /// Emulated by libtorch's own kernels (processors without AVX-512, where libtorch 1.13 does not hand bfloat16
    /// convolutions to oneDNN): the sums themselves are rounded to bfloat16, so results stray several times
    /// further from float32 (4-5% of the largest output of a 576-term convolution against 0.3% natively), and a
    /// training step takes many times as long as in float32.
    /// </summary>
    EmulatedByLibtorch,
}

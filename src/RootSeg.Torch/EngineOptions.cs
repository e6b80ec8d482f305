namespace RootSeg.Torch;

/// <summary>How the libtorch engine runs: threads, CPU allocator, cuDNN autotuning, Winograd convolutions. Passed to <see cref="Engine.Configure"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>Intra-op threads; 0 means one per logical core (libtorch itself would use 1 here).</summary>
    public int Threads { get; init; }

    /// <summary>The CPU allocator; the caching one is faster (native/README.md has the measurements).</summary>
    public AllocatorKind Allocator { get; init; } = AllocatorKind.Caching;

    /// <summary>The most bytes the caching allocator keeps in reserve; freed blocks beyond it go back to the system.</summary>
    public long AllocatorCacheLimitBytes { get; init; } = 4L << 30;

    /// <summary>
    /// Let cuDNN time its algorithms per input shape and keep the fastest (torch.backends.cudnn.benchmark). On by
    /// default: RootSeg runs the same tile shapes over and over (training tiles, segmentation batches), so the
    /// one-off timing per shape pays for itself; results may then differ from run to run by rounding, as cuDNN may
    /// pick other algorithms. No effect on the CPU.
    /// </summary>
    public bool CudnnBenchmark { get; init; } = true;

    /// <summary>
    /// Run the CPU's 3x3 convolutions of 64 channels or more as Winograd convolutions (F(4x4, 3x3): oneDNN's kernels
    /// with AVX-512, RootSeg's own transforms around oneDNN's matrix product with AVX2 only; Lavin and Gray 2016,
    /// doi:10.1109/CVPR.2016.435) whenever no gradient is recorded, as in
    /// segmentation and validation: they do a quarter of the multiplications, and the paper's U-Net segments a photo
    /// in 0.8 of the direct convolutions' time (native/README.md). Outputs differ from the direct convolution's by rounding only
    /// (about 1e-6 of the largest value; 7 pixels in a million of a mask with random weights). Has no effect on a
    /// shim built without oneDNN's headers, on CUDA, or while training.
    /// </summary>
    public bool WinogradConvolutions { get; init; } = true;

    /// <summary>The options in force when nothing was configured.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>Checks the values, naming the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be 0 (one per core) or more");
        }
        if (!Enum.IsDefined(Allocator))
        {
            throw new ArgumentOutOfRangeException(nameof(Allocator), Allocator, "unknown allocator");
        }
        if (AllocatorCacheLimitBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AllocatorCacheLimitBytes), AllocatorCacheLimitBytes, "must not be negative");
        }
    }
}

using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// The processor the engine runs on, read once from /proc/cpuinfo (Linux), as the process's
/// <see cref="ProcessorLimit"/> lets the engine see it. Every choice that depends on the processor (bfloat16,
/// Winograd convolutions) is made from here, and `rootseg info` reports it.
/// </summary>
public static class ProcessorFeatures
{
    private static readonly Lazy<ProcessorInfo> s_detected = new(ReadDetected);
    private static readonly Lock s_lock = new();

    /// <summary>The processor as the hardware reports it.</summary>
    public static ProcessorInfo Detected => s_detected.Value;

    /// <summary>The limit in force (<see cref="LimitTo"/>); <see cref="ProcessorLimit.None"/> unless an entry point set one.</summary>
    public static ProcessorLimit Limit { get; private set; }

    /// <summary>The processor as the engine may use it: <see cref="Detected"/> within <see cref="Limit"/>.</summary>
    public static ProcessorInfo Current => Detected.Within(Limit);

    /// <summary>
    /// Hides the instructions above <paramref name="limit"/> from RootSeg, libtorch and oneDNN for the rest of the
    /// process, so that it takes the paths of a processor without them (libtorch's bfloat16 kernels, oneDNN's AVX2
    /// kernels, no Winograd). Call it at start-up, before the first convolution; the same limit again does nothing.
    /// The BLAS picks its kernels when it is loaded, by its own setting (OPENBLAS_CORETYPE=Zen for OpenBLAS).
    /// </summary>
    /// <param name="limit">The widest instructions to use.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown limit.</exception>
    /// <exception cref="TorchException">Another limit is already set, oneDNN has already made kernels, or the shim was
    /// built without the headers it needs; the message says which.</exception>
    public static void LimitTo(ProcessorLimit limit)
    {
        if (!Enum.IsDefined(limit))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "unknown processor limit");
        }
        lock (s_lock)
        {
            NativeMethods.Check(NativeMethods.rs_processor_limit((int)limit));
            Limit = limit;
        }
    }

    /// <summary>True when the CPU, within the limit, has bfloat16 instructions (AVX-512 BF16 or AMX BF16).</summary>
    public static bool HasBFloat16 => Current.HasBFloat16;

    /// <summary>How bfloat16 convolutions run on this CPU, within the limit.</summary>
    public static BFloat16Support BFloat16 => Current.HasBFloat16 ? BFloat16Support.Native
        : Current.Avx512 ? BFloat16Support.EmulatedByOneDnn
        : BFloat16Support.EmulatedByLibtorch;

    /// <summary>True when <paramref name="device"/> runs bfloat16 autocast faster than float32: any CUDA device
    /// (tensor cores from Ampere on; older ones still halve memory traffic), or a CPU with <see cref="HasBFloat16"/>.</summary>
    public static bool RunsBFloat16Fast(Device device) => device.Type == DeviceType.Cuda || HasBFloat16;

    /// <summary>
    /// The line to print when a run computes in bfloat16 on <paramref name="device"/> although it only emulates it,
    /// or null where bfloat16 runs fast. RootSeg never chooses bfloat16 itself there; the user asked for it.
    /// </summary>
    public static string? BFloat16EmulationNote(Device device) =>
        RunsBFloat16Fast(device) ? null : BFloat16 switch
        {
            BFloat16Support.EmulatedByOneDnn =>
                $"bf16 is emulated on this processor ({Current.Model}: AVX-512 without AVX-512 BF16 or AMX), so it runs slower than fp32",
            _ => $"bf16 is emulated on this processor ({Current.Model}: no AVX-512 BF16 or AMX), so it runs several times slower " +
                 "than fp32 and rounds its sums to bfloat16",
        };

    private static ProcessorInfo ReadDetected()
    {
        try
        {
            return ProcessorInfo.FromCpuInfo(File.ReadLines("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProcessorInfo.FromCpuInfo([]);
        }
    }
}

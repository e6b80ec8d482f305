namespace RootSeg.Torch;

/// <summary>What the machine's processor offers the engine, read once from /proc/cpuinfo (Linux).</summary>
public static class ProcessorFeatures
{
    private static readonly Lazy<IReadOnlySet<string>> Flags = new(ReadFlags);

    /// <summary>
    /// True when the CPU has bfloat16 instructions (AVX-512 BF16 or AMX BF16), where oneDNN's bfloat16 convolutions
    /// run 1.6-2x faster than float32 ones (python3-torch 1.13, 3x3 convolutions of 64-512 channels); without them
    /// bfloat16 is emulated and slower.
    /// </summary>
    public static bool HasBFloat16 => Flags.Value.Contains("avx512_bf16") || Flags.Value.Contains("amx_bf16");

    /// <summary>True when <paramref name="device"/> runs bfloat16 autocast faster than float32: any CUDA device
    /// (tensor cores from Ampere on; older ones still halve memory traffic), or a CPU with <see cref="HasBFloat16"/>.</summary>
    public static bool RunsBFloat16Fast(Device device) => device.Type == DeviceType.Cuda || HasBFloat16;

    private static IReadOnlySet<string> ReadFlags()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line is null ? new HashSet<string>() : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        }
        catch (IOException)
        {
            return new HashSet<string>();
        }
        catch (UnauthorizedAccessException)
        {
            return new HashSet<string>();
        }
    }
}

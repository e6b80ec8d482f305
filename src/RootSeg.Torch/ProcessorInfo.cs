namespace RootSeg.Torch;

/// <summary>A processor's name and the vector extensions that change what RootSeg runs.</summary>
/// <param name="Model">The model name ("AMD EPYC 9R14", "unknown" where it cannot be read).</param>
/// <param name="Avx2">AVX2 with FMA: the widest vectors of every x86-64 processor RootSeg is tested on.</param>
/// <param name="Avx512">AVX-512 F, BW, VL and DQ: what oneDNN's AVX-512 kernels (Winograd included) and libtorch's
/// bfloat16 convolutions through oneDNN need.</param>
/// <param name="Avx512BFloat16">AVX-512 BF16: bfloat16 dot products in hardware.</param>
/// <param name="AmxBFloat16">AMX with BF16 (Intel since Sapphire Rapids): bfloat16 matrix tiles in hardware.</param>
public sealed record ProcessorInfo(string Model, bool Avx2, bool Avx512, bool Avx512BFloat16, bool AmxBFloat16)
{
    /// <summary>True when bfloat16 arithmetic runs in hardware (AVX-512 BF16 or AMX BF16).</summary>
    public bool HasBFloat16 => Avx512BFloat16 || AmxBFloat16;

    /// <summary>The extensions present, by their usual names ("AVX2, AVX-512F, AVX-512 BF16"), or "none of AVX2,
    /// AVX-512, AMX".</summary>
    public string Extensions
    {
        get
        {
            var names = new List<string>();
            if (Avx2)
            {
                names.Add("AVX2");
            }
            if (Avx512)
            {
                names.Add("AVX-512F");
            }
            if (Avx512BFloat16)
            {
                names.Add("AVX-512 BF16");
            }
            if (AmxBFloat16)
            {
                names.Add("AMX");
            }
            return names.Count == 0 ? "none of AVX2, AVX-512, AMX" : string.Join(", ", names);
        }
    }

    /// <summary>The processor as <paramref name="limit"/> lets the engine see it.</summary>
    public ProcessorInfo Within(ProcessorLimit limit) => limit switch
    {
        ProcessorLimit.Avx2 => this with { Avx512 = false, Avx512BFloat16 = false, AmxBFloat16 = false },
        _ => this,
    };

    /// <summary>
    /// Reads a Linux <c>/proc/cpuinfo</c> text: the first processor's "model name" and "flags" lines (every
    /// processor of a machine has the same).
    /// </summary>
    /// <param name="cpuinfo">The file's lines.</param>
    public static ProcessorInfo FromCpuInfo(IEnumerable<string> cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null;
        HashSet<string>? flags = null;
        foreach (var line in cpuinfo)
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            if (key == "model name" && model is null)
            {
                model = line[(colon + 1)..].Trim();
            }
            else if (key == "flags" && flags is null)
            {
                flags = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            }
            if (model is not null && flags is not null)
            {
                break;
            }
        }
        flags ??= [];
        return new ProcessorInfo(
            string.IsNullOrEmpty(model) ? "unknown" : model,
            flags.Contains("avx2") && flags.Contains("fma"),
            flags.IsSupersetOf(["avx512f", "avx512bw", "avx512vl", "avx512dq"]),
            flags.Contains("avx512_bf16"),
            flags.Contains("amx_bf16") && flags.Contains("amx_tile"));
    }
}

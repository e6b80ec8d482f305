namespace RootSeg.Torch;

/// <summary>
/// The widest vector instructions RootSeg, libtorch and oneDNN may use in this process
/// (<see cref="ProcessorFeatures.LimitTo"/>): a way to run, on a processor with AVX-512, the paths that a processor
/// without it takes, as the tests do under <c>ROOTSEG_MAX_CPU_ISA=avx2</c>.
/// </summary>
public enum ProcessorLimit
{
    /// <summary>Everything the processor has.</summary>
    None = 0,

    /// <summary>AVX2 and FMA at most: every AVX-512 extension (bfloat16 included) and AMX hidden.</summary>
    Avx2 = 1,
}

/// <summary>Names of <see cref="ProcessorLimit"/> as the entry points read them.</summary>
public static class ProcessorLimits
{
    /// <summary>
    /// The environment variable that the entry points (the rootseg program, the test assemblies, the benchmarks)
    /// read the limit from, named after oneDNN's ONEDNN_MAX_CPU_ISA: unset or empty for none, "avx2" for
    /// <see cref="ProcessorLimit.Avx2"/>. The libraries themselves never read it.
    /// </summary>
    public const string EnvironmentVariable = "ROOTSEG_MAX_CPU_ISA";

    /// <summary>Reads a limit: null, empty or "none" for none, "avx2" (any case) for AVX2.</summary>
    /// <exception cref="FormatException">Another value; the message names it and the ones allowed.</exception>
    public static ProcessorLimit Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => ProcessorLimit.None,
        "avx2" => ProcessorLimit.Avx2,
        _ => throw new FormatException($"{EnvironmentVariable}={text}: the processor limit must be avx2 or none"),
    };
}

using RootSeg.Torch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg info`'s processor lines: the processor, its vector extensions (and any hidden by
/// <see cref="ProcessorLimits.EnvironmentVariable"/>), the kernels of libtorch and oneDNN, and what RootSeg does
/// about each choice they drive (bfloat16, Winograd convolutions) on this machine.
/// </summary>
internal static class ProcessorLines
{
    public static IEnumerable<string> Of(ProcessorInfo detected, ProcessorLimit limit, EngineDescription engine)
    {
        var current = detected.Within(limit);
        yield return $"processor {detected.Model}";
        yield return $"vectors   {detected.Extensions}{(detected.AmxBFloat16 ? "" : " (no AMX)")}";
        if (limit != ProcessorLimit.None)
        {
            yield return $"          limited by {ProcessorLimits.EnvironmentVariable}: RootSeg, libtorch and oneDNN use {current.Extensions}";
        }
        var libtorch = engine.LibtorchAvx512 switch
        {
            true => "libtorch sees AVX-512",
            false => "libtorch sees no AVX-512",
            null => "libtorch's view of the processor unknown (shim built without cpuinfo's header)",
        };
        yield return engine.OneDnnKernels is { } kernels
            ? $"kernels   oneDNN for {kernels}; {libtorch}"
            : $"kernels   {libtorch}";
        yield return "bf16      " + (ProcessorFeatures.BFloat16 switch
        {
            BFloat16Support.Native => $"native ({(current.Avx512BFloat16 ? "AVX-512 BF16" : "AMX")}): the fast recipe " +
                                      "trains in bf16; --precision bf16 is faster than fp32",
            BFloat16Support.EmulatedByOneDnn => "emulated by oneDNN (AVX-512 without BF16): never chosen by RootSeg; " +
                                                "--precision bf16 runs, slower than fp32",
            _ => "emulated by libtorch (no AVX-512): never chosen by RootSeg; --precision bf16 runs several times slower " +
                 "than fp32 and rounds its sums to bf16",
        });
        yield return engine.Winograd switch
        {
            WinogradState.On => "Winograd  on (3x3 convolutions of 64 channels or more, without gradients, on the CPU; oneDNN's kernels with AVX-512, RootSeg's own with AVX2)",
            WinogradState.Off => "Winograd  off",
            WinogradState.NoKernel => "Winograd  no kernel for this processor (oneDNN's need AVX-512, RootSeg's own AVX2 and FMA): convolutions are direct",
            _ => "Winograd  not built (the shim found no oneDNN headers; install libdnnl-dev and rerun scripts/setup)",
        };
    }
}

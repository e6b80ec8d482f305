using System.Runtime.CompilerServices;
using RootSeg.Torch;

namespace RootSeg.Tests.Shared;

/// <summary>
/// The test assembly's entry point for <see cref="ProcessorLimits.EnvironmentVariable"/>, as the rootseg program's
/// is: scripts/test runs the processor-dependent tests a second time with ROOTSEG_MAX_CPU_ISA=avx2, so that they take
/// the paths of a processor without AVX-512.
/// </summary>
internal static class ProcessorLimitFromEnvironment
{
    [ModuleInitializer]
    internal static void Apply() =>
        ProcessorFeatures.LimitTo(ProcessorLimits.Parse(Environment.GetEnvironmentVariable(ProcessorLimits.EnvironmentVariable)));
}

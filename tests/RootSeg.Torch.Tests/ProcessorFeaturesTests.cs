using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

/// <summary>
/// What RootSeg reads of the processor, and the limit (ROOTSEG_MAX_CPU_ISA) that hides AVX-512 from RootSeg, libtorch
/// and oneDNN alike; scripts/test runs the processor-dependent tests once more under ROOTSEG_MAX_CPU_ISA=avx2.
/// </summary>
public sealed class ProcessorFeaturesTests : LeakCheckedTest
{
    // The first lines of /proc/cpuinfo of three processors (flags cut to the ones that matter and a few others).
    private static readonly string[] Zen3 =
    [
        "processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 25", "model\t\t: 1",
        "model name\t: AMD EPYC 7B13", "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 sha_ni",
        "processor\t: 1", "model name\t: AMD EPYC 7B13", "flags\t\t: fpu",
    ];

    private static readonly string[] Zen4 =
    [
        "model name\t: AMD EPYC 9B14",
        "flags\t\t: fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 avx512_vnni",
    ];

    private static readonly string[] SapphireRapids =
    [
        "model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz",
        "flags\t\t: fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 amx_bf16 amx_tile amx_int8",
    ];

    private static readonly string[] Skylake =
    [
        "model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz",
        "flags\t\t: fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl",
    ];

    [Fact]
    public void ReadsTheModelAndTheExtensionsOfTheFirstProcessor()
    {
        Assert.Equal(new ProcessorInfo("AMD EPYC 7B13", true, false, false, false), ProcessorInfo.FromCpuInfo(Zen3));
        Assert.Equal(new ProcessorInfo("AMD EPYC 9B14", true, true, true, false), ProcessorInfo.FromCpuInfo(Zen4));
        var sapphire = ProcessorInfo.FromCpuInfo(SapphireRapids);
        Assert.Equal("AVX2, AVX-512F, AVX-512 BF16, AMX", sapphire.Extensions);
        Assert.True(sapphire.HasBFloat16);
        var skylake = ProcessorInfo.FromCpuInfo(Skylake);
        Assert.Equal("AVX2, AVX-512F", skylake.Extensions);
        Assert.False(skylake.HasBFloat16);
        Assert.Equal(new ProcessorInfo("unknown", false, false, false, false), ProcessorInfo.FromCpuInfo([]));
        Assert.Equal("none of AVX2, AVX-512, AMX", ProcessorInfo.FromCpuInfo([]).Extensions);
    }

    [Fact]
    public void Avx512WithoutBwVlAndDqIsNotTheAvx512TheKernelsNeed()
    {
        // AVX-512F without BW, VL and DQ (Knights Landing) is not what oneDNN's and libtorch's AVX-512 paths need.
        Assert.False(ProcessorInfo.FromCpuInfo(["flags : fma avx2 avx512f avx512cd avx512er avx512pf"]).Avx512);
        Assert.False(ProcessorInfo.FromCpuInfo(["flags : avx2"]).Avx2);
    }

    [Fact]
    public void TheAvx2LimitHidesEveryAvx512ExtensionAndAmx()
    {
        var hidden = ProcessorInfo.FromCpuInfo(SapphireRapids).Within(ProcessorLimit.Avx2);
        Assert.Equal(ProcessorInfo.FromCpuInfo(SapphireRapids).Model, hidden.Model);
        Assert.Equal("AVX2", hidden.Extensions);
        Assert.False(hidden.HasBFloat16);
        Assert.Equal(ProcessorInfo.FromCpuInfo(Zen4), ProcessorInfo.FromCpuInfo(Zen4).Within(ProcessorLimit.None));
    }

    [Fact]
    public void TheLimitIsReadFromItsName()
    {
        Assert.Equal(ProcessorLimit.None, ProcessorLimits.Parse(null));
        Assert.Equal(ProcessorLimit.None, ProcessorLimits.Parse(""));
        Assert.Equal(ProcessorLimit.None, ProcessorLimits.Parse("none"));
        Assert.Equal(ProcessorLimit.Avx2, ProcessorLimits.Parse("AVX2"));
        var e = Assert.Throws<FormatException>(() => ProcessorLimits.Parse("avx512"));
        Assert.Equal("ROOTSEG_MAX_CPU_ISA=avx512: the processor limit must be avx2 or none", e.Message);
    }

    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void LibtorchAndOneDnnSeeTheProcessorAsRootSegDoes()
    {
        var current = ProcessorFeatures.Current;
        var engine = Engine.Describe();
        Assert.Equal(current.Avx512, engine.LibtorchAvx512);
        Assert.NotNull(engine.OneDnnKernels);
        Assert.Equal(current.Avx512, engine.OneDnnKernels!.StartsWith("AVX-512", StringComparison.Ordinal) || engine.OneDnnKernels == "AMX");
        Assert.Equal(current.HasBFloat16, engine.OneDnnKernels is "AVX-512 with bfloat16" or "AMX");
    }

    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void BFloat16IsFastOnlyWhereTheProcessorHasIt()
    {
        var current = ProcessorFeatures.Current;
        var expected = current.HasBFloat16 ? BFloat16Support.Native
            : current.Avx512 ? BFloat16Support.EmulatedByOneDnn : BFloat16Support.EmulatedByLibtorch;
        Assert.Equal(expected, ProcessorFeatures.BFloat16);
        Assert.Equal(current.HasBFloat16, ProcessorFeatures.RunsBFloat16Fast(Device.Cpu));
        Assert.True(ProcessorFeatures.RunsBFloat16Fast(Device.Parse("cuda")));
        var note = ProcessorFeatures.BFloat16EmulationNote(Device.Cpu);
        Assert.Equal(current.HasBFloat16, note is null);
        Assert.Null(ProcessorFeatures.BFloat16EmulationNote(Device.Parse("cuda")));
        if (note is not null)
        {
            Assert.StartsWith($"bf16 is emulated on this processor ({current.Model}", note, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void TheLimitCannotChangeOnceSet()
    {
        ProcessorFeatures.LimitTo(ProcessorFeatures.Limit);
        if (ProcessorFeatures.Limit == ProcessorLimit.None)
        {
            // Setting one now, after other tests ran convolutions, would be refused or would change the rest of the run.
            return;
        }
        var e = Assert.Throws<TorchException>(() => ProcessorFeatures.LimitTo(ProcessorLimit.None));
        Assert.Contains("cannot change", e.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessorLimit.Avx2, ProcessorFeatures.Limit);
    }
}

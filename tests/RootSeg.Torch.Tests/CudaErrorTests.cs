using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

/// <summary>What a CPU-only build says when asked for CUDA: one line, not libtorch's list of backends.</summary>
public sealed class CudaErrorTests : LeakCheckedTest
{
    private const string CpuOnly = "this RootSeg was built against a libtorch without CUDA; see scripts/gpu/README.md";

    [Fact]
    public void EnsureUsableOnACpuOnlyBuildGivesOneLine()
    {
        if (Device.CudaBuilt)
        {
            Assert.True(Device.CudaAvailable || ThrowsNoDriver());
            return;
        }
        var e = Assert.Throws<TorchException>(() => Device.Cuda(0).EnsureUsable());
        Assert.Equal(CpuOnly, e.Message);
    }

    [Fact]
    public void TensorOnCudaOnACpuOnlyBuildGivesOneLine()
    {
        if (Device.CudaBuilt)
        {
            return;
        }
        var e = Assert.Throws<TorchException>(() => Tensor.Zeros([2, 2], device: Device.Cuda(0)));
        Assert.Equal(CpuOnly, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        var upload = Assert.Throws<TorchException>(() => Tensor.FromArray(new float[] { 1, 2 }, [2], Device.Cuda(0)));
        Assert.Equal(CpuOnly, upload.Message);
    }

    [Fact]
    public void TheCpuNeedsNoCheck() => Device.Cpu.EnsureUsable();

    [Fact]
    public void CudnnBenchmarkIsOnByDefaultAndCanBeTurnedOff()
    {
        Assert.True(EngineOptions.Default.CudnnBenchmark);
        try
        {
            Engine.Configure(EngineOptions.Default with { CudnnBenchmark = false });
            Assert.False(Engine.Describe().CudnnBenchmark);
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
        Assert.True(Engine.Describe().CudnnBenchmark);
    }

    private static bool ThrowsNoDriver()
    {
        var e = Assert.Throws<TorchException>(() => Device.Cuda(0).EnsureUsable());
        return e.Message.StartsWith("no CUDA driver/device found", StringComparison.Ordinal);
    }
}

using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

public sealed class EngineTests : LeakCheckedTest
{
    [Fact]
    public void DefaultsUseEveryCoreAndTheCachingAllocator()
    {
        using var warm = Tensor.Zeros([1]);
        Assert.Equal(Environment.ProcessorCount, Engine.Threads);
        Assert.Equal(AllocatorKind.Caching, Engine.Describe().Allocator);
    }

    [Fact]
    public void CachingAllocatorReusesFreedBlocksAndReleasesItsCache()
    {
        Engine.Configure(EngineOptions.Default);
        var before = Engine.AllocatorStatistics;
        for (var i = 0; i < 5; i++)
        {
            using var t = Tensor.Empty([1000, 1000]);
        }
        var after = Engine.AllocatorStatistics;
        Assert.True(after.Hits - before.Hits >= 4, $"expected reuse, got {after.Hits - before.Hits} hits");
        Assert.True(after.CachedBytes >= 4_000_000);
        Engine.EmptyCache();
        Assert.Equal(0, Engine.AllocatorStatistics.CachedBytes);
    }

    [Fact]
    public void CacheLimitBoundsTheReserve()
    {
        try
        {
            Engine.Configure(EngineOptions.Default with { AllocatorCacheLimitBytes = 1 << 20 });
            using (Tensor.Empty([1000, 1000]))
            {
            }
            Assert.True(Engine.AllocatorStatistics.CachedBytes <= 1 << 20);
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
    }

    [Fact]
    public void TensorsOutliveAnAllocatorSwitch()
    {
        try
        {
            using var cached = Tensor.Full([256, 256], 3);
            Engine.Configure(EngineOptions.Default with { Allocator = AllocatorKind.System, Threads = 1 });
            Assert.Equal(1, Engine.Threads);
            Assert.Equal(AllocatorKind.System, Engine.Describe().Allocator);
            using var system = cached * 2;
            Assert.Equal(6f, system.ToArray<float>()[^1]);
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        Assert.Equal("Threads", Assert.Throws<ArgumentOutOfRangeException>(
            () => Engine.Configure(new EngineOptions { Threads = -1 })).ParamName);
        Assert.Equal("AllocatorCacheLimitBytes", Assert.Throws<ArgumentOutOfRangeException>(
            () => Engine.Configure(new EngineOptions { AllocatorCacheLimitBytes = -1 })).ParamName);
    }

    [Fact]
    public void DescriptionReportsVersionsAndDevices()
    {
        var info = Engine.Describe();
        Assert.Matches(@"^\d+\.\d+\.\d+$", info.TorchVersion);
        Assert.Contains("ATen/Parallel", info.ParallelInfo);
        Assert.Contains("BLAS_INFO", info.BuildConfig);
        Assert.Equal(info.CudaAvailable ? Device.CudaDeviceCount : 0, info.CudaDevices.Count);
        Assert.Equal("glibc malloc", info.Malloc);
    }
}

using RootSeg.Cli.Commands;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Torch;

namespace RootSeg.Cli.Tests;

/// <summary>The GPU-facing options of `rootseg info` and `rootseg segment`, as they behave on a CPU-only build.</summary>
public sealed class GpuOptionsTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EngineDescription Description(bool built, bool available, IReadOnlyList<string> devices, bool benchmark) =>
        new("2.11.0", 16, "", "", AllocatorKind.Caching, "glibc malloc", default, built, available, devices, available,
            benchmark, WinogradState.NotBuilt, null, null);

    [Fact]
    public void InfoListsCudaDevicesUnderDevicesWithTheCudnnSetting()
    {
        var lines = InfoCommand.DeviceLines(Description(true, true, ["NVIDIA H200"], true)).ToList();
        Assert.Equal("devices   cpu, cuda:0 (NVIDIA H200)", lines[0]);
        Assert.Equal("CUDA      1 device(s)", lines[1]);
        Assert.Equal("cuDNN     available, benchmark on", lines[2]);
    }

    [Fact]
    public void InfoSaysWhyThereIsNoCuda()
    {
        var cpuOnly = InfoCommand.DeviceLines(Description(false, false, [], true)).ToList();
        Assert.Equal("devices   cpu", cpuOnly[0]);
        Assert.StartsWith("CUDA      not in this libtorch", cpuOnly[1]);
        Assert.Equal("cuDNN     benchmark on (applies to CUDA devices only)", cpuOnly[2]);
        var noDriver = InfoCommand.DeviceLines(Description(true, false, [], false)).ToList();
        Assert.Equal("CUDA      in this libtorch, but no CUDA driver/device found", noDriver[1]);
        Assert.Equal("cuDNN     benchmark off (applies to CUDA devices only)", noDriver[2]);
    }

    [Fact]
    public void InfoPrintsTheSettingInForce()
    {
        try
        {
            var (code, output, _) = TestFolder.Run(new InfoCommand(), "--no-cudnn-benchmark", "--threads", "1");
            Assert.Equal(0, code);
            Assert.Contains("benchmark off", output);
            Assert.Contains("\ndevices   cpu", output);
            (code, output, _) = TestFolder.Run(new InfoCommand(), "--threads", "1");
            Assert.Equal(0, code);
            Assert.Contains("benchmark on", output);
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
    }

    private (string Model, string Photos) ModelAndPhotos()
    {
        var model = AnalyseInputs.Model(_folder, inputTile: 188);
        var photos = _folder.Folder("photos");
        using var photo = new Raster<byte>(9, 7, 3);
        new Random(2).NextBytes(photo.Data);
        ImageFile.Write(Path.Combine(photos, "p0.png"), photo);
        return (model, photos);
    }

    [Fact]
    public void SegmentOnCudaWithACpuOnlyBuildFailsWithOneLine()
    {
        if (Device.CudaBuilt)
        {
            return;
        }
        var (model, photos) = ModelAndPhotos();
        var e = Assert.Throws<InvalidOperationException>(() => TestFolder.Run(new SegmentCommand(), "--model", model,
            "--in", photos, "--out", _folder["out"], "--device", "cuda"));
        Assert.Equal("--device cuda:0: this RootSeg was built against a libtorch without CUDA; see scripts/gpu/README.md",
            e.Message);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    /// <summary>bf16 runs on any CPU; where it is emulated one line says so (ROOTSEG_MAX_CPU_ISA=avx2 shows it here).</summary>
    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void SegmentTakesBf16AndAPipelineAndRefusesOtherPrecisions()
    {
        var (model, photos) = ModelAndPhotos();
        var (code, output, error) = TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos,
            "--out", _folder["bf16"], "--precision", "bf16", "--pipeline", "3", "--threads", "1");
        Assert.Equal(0, code);
        var note = $"rootseg segment: bf16 is emulated on this processor ({ProcessorFeatures.Current.Model}";
        Assert.Equal(!ProcessorFeatures.HasBFloat16, error.Contains(note, StringComparison.Ordinal));
        Assert.Equal(!ProcessorFeatures.HasBFloat16, error.Contains("slower than fp32", StringComparison.Ordinal));
        Assert.Contains("segmented 1,", output);
        Assert.Contains("photos/s after loading the model", output);
        Assert.True(File.Exists(Path.Combine(_folder["bf16"], "p0.png")));
        var usage = Assert.Throws<UsageException>(() => TestFolder.Run(new SegmentCommand(), "--model", model,
            "--in", photos, "--out", _folder["o"], "--precision", "fp16"));
        Assert.Contains("fp32 or bf16", usage.Message);
        var fp32 = TestFolder.Run(new SegmentCommand(), "--model", model, "--in", photos, "--out", _folder["fp32"], "--threads", "1");
        Assert.Equal(0, fp32.Code);
        Assert.DoesNotContain("emulated", fp32.Error, StringComparison.Ordinal);
    }
}

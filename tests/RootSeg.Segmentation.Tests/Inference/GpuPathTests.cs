using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Inference;

/// <summary>
/// The parts of the GPU path that run on a CPU too: tiles cut on the device, bfloat16 autocast and the photo
/// pipeline of <see cref="BatchSegmenter"/>.
/// </summary>
public sealed class GpuPathTests : IDisposable
{
    private const int Shrink = 8;
    private readonly string _root = Directory.CreateTempSubdirectory("rootseg-gpu-path-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Values in [lowest, highest] with a dark band, so tiles have different minima and maxima.
    private static Raster<byte> Photo(int width, int height, int seed, byte lowest = 30, byte highest = 220)
    {
        var random = new Random(seed);
        var photo = new Raster<byte>(width, height, 3);
        for (var y = 0; y < height; y++)
        {
            var row = photo.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                var top = y < height / 3 ? lowest + (highest - lowest) / 4 : highest;
                row[i] = (byte)random.Next(lowest, top + 1);
            }
        }
        return photo;
    }

    [Theory]
    [InlineData(67, 45, 24, 3, 0.0)]
    [InlineData(50, 50, 32, 2, 0.3)]
    public void TilesCutOnTheDeviceEqualTheHostsBitForBit(int width, int height, int tile, int batch, double overlap)
    {
        using var photo = Photo(width, height, 4);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(2, Shrink), Shrink, tile);
        var host = new Segmenter(network, new SegmenterOptions { TileSize = tile, BatchSize = batch, Overlap = overlap });
        var device = new Segmenter(network, new SegmenterOptions
        {
            TileSize = tile, BatchSize = batch, Overlap = overlap, TilesOnDevice = true,
        });
        Assert.False(host.TilesOnDevice);
        Assert.True(device.TilesOnDevice);
        using var expected = host.PredictProbability(photo);
        using var actual = device.PredictProbability(photo);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }

    [Fact]
    public void AConstantTileIsClampedOnTheDeviceAsOnTheHost()
    {
        using var photo = new Raster<byte>(30, 30, 3);
        photo.Data.Fill(1);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(2, Shrink), Shrink, 24);
        var device = new Segmenter(network, new SegmenterOptions { TileSize = 24, TilesOnDevice = true });
        using var probability = device.PredictProbability(photo);
        // clamp(1, 0, 1) - 0.5 = 0.5, logit 2 x 0.5.
        var expected = (float)(1 / (1 + Math.Exp(-1.0)));
        Assert.All(probability.Data.ToArray(), p => Assert.Equal(expected, p, 1e-6f));
    }

    /// <summary>
    /// bfloat16 autocast against float32 on a random width-8 U-Net (seed 3) and one 572 tile of a 300x260 noise
    /// photo. Where the convolutions sum in float32 (AVX-512 BF16, AMX, oneDNN's emulation on AVX-512): measured
    /// 96.45% of the mask pixels equal, mean probability difference 0.023 (tolerances 95% and 0.05). Without AVX-512,
    /// libtorch's own bfloat16 kernels round the sums too: 86.9% and 0.080 on a Zen 3 and under
    /// ROOTSEG_MAX_CPU_ISA=avx2 (tolerances 80% and 0.12, and a difference above the float32 sums' 0.05), which is one
    /// reason RootSeg never chooses bfloat16 there. A random network's probabilities crowd around 0.5, where
    /// rounding flips pixels; a trained one's do not.
    /// </summary>
    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void BFloat16MasksAgreeWithFloat32OnesAsThisProcessorRoundsThem()
    {
        Engine.ManualSeed(3);
        using var unet = new UNetGN(baseWidth: 8, groups: 4);
        unet.Eval();
        var network = new InferenceNetwork(unet, 184, 572, UNetGN.IsValidInputSize, Device.Cpu);
        using var photo = Photo(300, 260, 9);
        using var fp32 = new Segmenter(network).Segment(photo);
        using var bf16 = new Segmenter(network, new SegmenterOptions { Precision = ComputePrecision.BFloat16 }).Segment(photo);
        var a = fp32.Mask.Data.ToArray();
        var b = bf16.Mask.Data.ToArray();
        var agreement = a.Zip(b).Count(p => p.First == p.Second) / (double)a.Length;
        var p32 = fp32.Probability.Data.ToArray();
        var p16 = bf16.Probability.Data.ToArray();
        var meanDifference = p32.Zip(p16).Average(p => Math.Abs(p.First - p.Second));
        var message = $"masks agree on {agreement:P3}, mean probability difference {meanDifference}";
        Assert.True(meanDifference > 0, "bfloat16 changed nothing: autocast did not run");
        if (ProcessorFeatures.BFloat16 == BFloat16Support.EmulatedByLibtorch)
        {
            Assert.True(agreement >= 0.80 && meanDifference < 0.12, message);
            Assert.True(meanDifference > 0.05, $"{message}: not libtorch's bfloat16 sums");
        }
        else
        {
            Assert.True(agreement >= 0.95 && meanDifference < 0.05, message);
        }
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
    }

    [Fact]
    public void ADeeperPipelineWritesTheSameMasksInTheSameOrder()
    {
        var photos = Path.Combine(_root, "photos");
        Directory.CreateDirectory(photos);
        for (var i = 0; i < 7; i++)
        {
            using var photo = Photo(41 + i, 33, 20 + i);
            ImageFile.Write(Path.Combine(photos, $"p{i}.png"), photo);
        }
        File.WriteAllText(Path.Combine(photos, "p3b.jpg"), "not a jpeg");
        var list = PhotoFiles.List(photos);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(2, Shrink), Shrink, 24);
        List<string> Run(int pipeline, string output)
        {
            var reports = new List<string>();
            var batch = new BatchSegmenter(new Segmenter(network, new SegmenterOptions { TileSize = 24, BatchSize = 2 }),
                new BatchOptions { OutputDirectory = output, Pipeline = pipeline, WriteProbabilities = true });
            var summary = batch.Run(list, new Inline(r => reports.Add($"{Path.GetFileName(r.Photo)} {r.Outcome}")));
            Assert.Equal(7, summary.Segmented);
            Assert.Single(summary.Failures);
            return reports;
        }
        var one = Run(1, Path.Combine(_root, "one"));
        var four = Run(4, Path.Combine(_root, "four"));
        Assert.Equal(one.Where(r => !r.Contains("Failed")), four.Where(r => !r.Contains("Failed")));
        foreach (var file in Directory.GetFiles(Path.Combine(_root, "one")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_root, "four", Path.GetFileName(file))));
        }
        Assert.Equal(14, Directory.GetFiles(Path.Combine(_root, "four")).Length);
    }

    [Fact]
    public void APipelineBelowOneIsRefused()
    {
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(2, Shrink), Shrink, 24);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSegmenter(new Segmenter(network),
            new BatchOptions { OutputDirectory = _root, Pipeline = 0 }));
    }

    private sealed class Inline(Action<PhotoReport> action) : IProgress<PhotoReport>
    {
        public void Report(PhotoReport value) => action(value);
    }
}

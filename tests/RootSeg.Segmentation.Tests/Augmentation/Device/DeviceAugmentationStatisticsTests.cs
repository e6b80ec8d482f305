using RootSeg.Imaging.Randomness;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Tests.Augmentation.Device;

/// <summary>The device augmentation against the host pipeline and the paper's distributions, over many draws.</summary>
public sealed class DeviceAugmentationStatisticsTests
{
    [Fact]
    public void ParameterDrawsFollowThePapersDistributions()
    {
        using var augmenter = new DeviceAugmenter(new TileAugmenter(), TileGeometry.Paper, TorchDevice.Cpu, 21);
        var draws = augmenter.Draws(4, 0, 20000);
        // Each tolerance is about four standard errors of the mean over 20000 draws (18000 for the deformed ones).
        Assert.InRange(draws.Average(d => d.Deform ? 1.0 : 0.0), 0.9 - 0.009, 0.9 + 0.009);
        Assert.InRange(draws.Average(d => d.Flip ? 1.0 : 0.0), 0.5 - 0.014, 0.5 + 0.014);
        var deformed = draws.Where(d => d.Deform).ToList();
        Assert.All(deformed, d => Assert.InRange(d.Sigma, 15, 60));
        Assert.InRange(deformed.Average(d => d.Sigma), 37.5 - 0.4, 37.5 + 0.4);
        // alpha = (200 + 2300 gamma) x U[0.4, 1): mean 1350 x 0.7 = 945.
        Assert.InRange(deformed.Average(d => d.Alpha), 945 - 20, 945 + 20);
        Assert.All(deformed, d => Assert.InRange(d.Alpha, 0.4 * (200 + 2300 * (d.Sigma - 15) / 45) - 1e-9,
            200 + 2300 * (d.Sigma - 15) / 45));
        // |N(0, s^2)| has mean s sqrt(2 / pi) and standard deviation s sqrt(1 - 2 / pi).
        var halfNormal = Math.Sqrt(2 / Math.PI);
        Assert.InRange(draws.Average(d => d.NoiseSigma), 0.09 * halfNormal - 0.0016, 0.09 * halfNormal + 0.0016);
        Assert.InRange(draws.Average(d => d.SaltAndPepper), 0.008 * halfNormal - 0.00015, 0.008 * halfNormal + 0.00015);
        var brightness = draws.Select(d => d.Jitter.Brightness!.Value).ToList();
        Assert.All(brightness, b => Assert.InRange(b, 0.7, 1.3));
        Assert.InRange(brightness.Average(), 1 - 0.005, 1 + 0.005);
        Assert.All(draws, d => Assert.InRange(d.Jitter.Saturation!.Value, 0.8, 1.2));
        Assert.All(draws, d => Assert.InRange(d.Jitter.Hue!.Value, -0.001, 0.001));
        foreach (var operation in Enum.GetValues<ColorJitterOperation>())
        {
            Assert.InRange(draws.Average(d => d.Jitter.Order[0] == operation ? 1.0 : 0.0), 0.25 - 0.013, 0.25 + 0.013);
        }
    }

    [Theory]
    [InlineData("jitter")]
    [InlineData("noise")]
    public void OutputStatisticsMatchTheHostPipeline(string part)
    {
        // One fixed 24-pixel tile through 240 draws on each side; per tile the mean and the spread of the input.
        var geometry = new TileGeometry(24, 8);
        var settings = new TileAugmenter
        {
            Elastic = new ElasticDeformation { Probability = 0 },
            Jitter = part == "jitter" ? new ColorJitter() : new ColorJitter { Brightness = 0, Contrast = 0, Saturation = 0, Hue = 0 },
            NoiseScale = part == "noise" ? 0.09 : 0,
            SaltAndPepperScale = part == "noise" ? 0.008 : 0,
            FlipProbability = 0,
        };
        using var photo = DeviceTiles.RandomPhoto(24, 5);
        using var annotation = DeviceTiles.RandomAnnotation(24, 6);
        const int tiles = 240;
        var host = new List<(double Mean, double Spread)>();
        var input = new float[3 * 24 * 24];
        for (var t = 0; t < tiles; t++)
        {
            settings.Augment(photo, annotation, geometry, SeededRandom.Derive(77, t), input, new byte[64], new byte[64]);
            host.Add(Moments(input));
        }
        var device = new List<(double Mean, double Spread)>();
        using (var photos = DeviceTiles.Photos(Enumerable.Repeat(photo, 8).ToList()))
        using (var annotations = DeviceTiles.Annotations(Enumerable.Repeat(annotation, 8).ToList()))
        using (var augmenter = new DeviceAugmenter(settings, geometry, TorchDevice.Cpu, 78))
        {
            for (var first = 0; first < tiles; first += 8)
            {
                using var batch = augmenter.Augment(photos, annotations, 0, first);
                var values = batch.Inputs.ToArray<float>();
                for (var k = 0; k < 8; k++)
                {
                    device.Add(Moments(values.AsSpan(k * input.Length, input.Length)));
                }
            }
        }
        foreach (var pick in new Func<(double Mean, double Spread), double>[] { m => m.Mean, m => m.Spread })
        {
            var a = host.Select(pick).ToList();
            var b = device.Select(pick).ToList();
            var standardError = Math.Sqrt(Variance(a) / a.Count + Variance(b) / b.Count);
            // Four standard errors, plus 0.002 for rounding differences that do not vanish with more draws.
            Assert.True(Math.Abs(a.Average() - b.Average()) <= 4 * standardError + 0.002,
                $"{part}: host {a.Average():F4} vs device {b.Average():F4} (standard error {standardError:F4})");
            Assert.InRange(Math.Sqrt(Variance(b)), 0.6 * Math.Sqrt(Variance(a)) - 0.002, 1.6 * Math.Sqrt(Variance(a)) + 0.002);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ElasticFieldsHaveTheHostsSpreadAndCorrelation(int stride)
    {
        // Smoothed U(-1, 1) noise: standard deviation sqrt(1/3) x sum of squared taps; correlation at a lag of sigma
        // exp(-1/4) for a Gaussian-smoothed white field. Both the host's and the device's fields must show them.
        const int size = 160;
        const double sigma = 15;
        const int fields = 48;
        var expected = Math.Sqrt(1.0 / 3) * ElasticField.SumOfSquares(GaussianFilter.HalfKernel(sigma));
        var host = new List<float[]>();
        for (var f = 0; f < fields; f++)
        {
            using var map = ElasticMap.Create(size, size, 1.0, sigma, new SeededRandom((ulong)f + 1));
            host.Add(Enumerable.Range(0, size * size).Select(i => (float)(map.Cols[i] - (i % size + 60))).ToArray());
        }
        var device = new List<float[]>();
        using (var generator = new RandomGenerator(TorchDevice.Cpu, 5))
        using (var displacement = ElasticField.Displacements(Enumerable.Repeat(sigma, fields).ToArray(),
                   Enumerable.Repeat(1.0, fields).ToArray(), size, 60, stride, generator))
        {
            var values = displacement.ToArray<float>();
            for (var f = 0; f < fields; f++)
            {
                device.Add(values.AsSpan((2 * f + 1) * size * size, size * size).ToArray());
            }
        }
        foreach (var (name, set) in new[] { ("host", host), ("device", device) })
        {
            var spread = Math.Sqrt(set.Average(v => v.Average(x => (double)x * x)));
            Assert.InRange(spread / expected, 0.9, 1.1);
            var lag = (int)sigma;
            var correlation = set.Average(v => Enumerable.Range(0, size * (size - lag))
                .Select(i => (double)v[i / (size - lag) * size + i % (size - lag)] * v[i / (size - lag) * size + i % (size - lag) + lag])
                .Average()) / (spread * spread);
            Assert.True(Math.Abs(correlation - Math.Exp(-0.25)) < 0.08,
                $"{name}: correlation at lag {lag} is {correlation:F3}, expected {Math.Exp(-0.25):F3}");
        }
    }

    private static (double Mean, double Spread) Moments(ReadOnlySpan<float> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values)
        {
            sum += v;
            squares += (double)v * v;
        }
        var mean = sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, squares / values.Length - mean * mean)));
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;

namespace RootSeg.Benchmarks;

/// <summary>
/// Training tiles per second of the paper's augmentation (Smith et al. 2020, doi:10.1186/s13007-020-00563-0) made
/// (a) by the host pipeline (<see cref="AugmentationPipeline"/>, CPU workers, batches as float arrays on the host)
/// and (b) by <see cref="DeviceCropSource"/> + <see cref="DeviceAugmenter"/> (the host only crops; the augmentation
/// runs as tensor ops on DEVICE, results left there). 572x572 tiles, batches of 4.
/// Args: [DEVICE [BATCHES [WORKERS [STRIDE [THREADS]]]]] (cpu, 12, cores - 1, 4, 0 = one per core); prints one
/// line per side and one JSON line, which also holds the elastic field's statistics (see FieldStatistics).
/// </summary>
internal sealed class AugmentDeviceBenchmark : IBenchmark
{
    public string Name => "augment-device";

    public int Run(string[] args)
    {
        var device = Device.Parse(args.Length > 0 ? args[0] : "cpu");
        var batches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Math.Max(1, Environment.ProcessorCount - 1);
        var stride = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        var threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
        Engine.Configure(Engine.Options with { Threads = threads });
        var images = Enumerable.Range(0, 3).Select(i => Synthetic(1600, 1400, (ulong)i + 1)).ToList();
        try
        {
            var options = new AugmentationOptions
            {
                Seed = 1,
                BatchSize = 4,
                Workers = workers,
                Geometry = TileGeometry.Paper,
                MaxTilesPerImage = 40,
            };
            var available = new AugmentationPipeline(images, options).BatchCount(1);
            if (available < batches)
            {
                Console.Error.WriteLine($"only {available} timed batches fit in an epoch of the synthetic images");
                return 1;
            }
            var host = TimeHost(images, options, batches);
            var onDevice = TimeDevice(images, options, device, stride, batches);
            var field = FieldStatistics(device);
            Console.WriteLine($"host pipeline ({workers} workers): {host:F2} tiles/s");
            Console.WriteLine($"device augmenter ({device}, field stride {stride}): {onDevice:F2} tiles/s");
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["benchmark"] = "augment-device",
                ["tile"] = "572x572 RGB + annotation, batch 4",
                ["device"] = device.Type == DeviceType.Cuda ? $"{device} {Device.CudaDeviceName(Math.Max(0, device.Index))}" : "cpu",
                ["batches"] = batches,
                ["workers"] = workers,
                ["threads"] = Engine.Threads,
                ["cores"] = Environment.ProcessorCount,
                ["field_stride"] = stride,
                ["host_tiles_per_s"] = Math.Round(host, 2),
                ["device_tiles_per_s"] = Math.Round(onDevice, 2),
                ["ratio"] = Math.Round(onDevice / host, 3),
                ["field_sigma15_spread_ratio_and_lag_correlation"] = field,
            }));
            return 0;
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }

    // Each side first makes one batch of epoch 0 (JIT, thread pool, allocator), then is timed from the start of
    // epoch 1 to the end of its last batch, so queued work made ahead of the clock does not count.
    private static double TimeHost(IReadOnlyList<TrainingImage> images, AugmentationOptions options, int batches)
    {
        var pipeline = new AugmentationPipeline(images, options);
        foreach (var batch in pipeline.ReadEpoch(0).Take(1))
        {
            batch.Dispose();
        }
        var tiles = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in pipeline.ReadEpoch(1).Take(batches))
        {
            using (batch)
            {
                tiles += batch.Count;
            }
        }
        return tiles / clock.Elapsed.TotalSeconds;
    }

    private static double TimeDevice(IReadOnlyList<TrainingImage> images, AugmentationOptions options, Device device,
        int stride, int batches)
    {
        var source = new DeviceCropSource(images, options);
        using var augmenter = new DeviceAugmenter(options.Augmenter, options.Geometry, device, options.Seed, stride);
        Augment(source.ReadEpoch(0).Take(1), augmenter, device);
        device.Synchronize();
        var clock = Stopwatch.StartNew();
        var tiles = Augment(source.ReadEpoch(1).Take(batches), augmenter, device);
        device.Synchronize();
        return tiles / clock.Elapsed.TotalSeconds;
    }

    private static int Augment(IEnumerable<CropBatch> batches, DeviceAugmenter augmenter, Device device)
    {
        var tiles = 0;
        foreach (var crops in batches)
        {
            using (crops)
            {
                var (photos, annotations) = crops.ToDevice(device);
                using (photos)
                using (annotations)
                using (augmenter.Augment(photos, annotations, crops.Epoch, crops.FirstTile))
                {
                    tiles += crops.Count;
                }
            }
        }
        return tiles;
    }

    // The elastic field's spread (RMS displacement over the analytic sqrt(1/3) x sum of squared taps) and its
    // correlation at a lag of sigma (exp(-1/4) = 0.779 for smoothed white noise), at sigma 15 (the coarse grid's
    // worst case), over 32 fields of 256 pixels: host ElasticMap, device stride 1 and stride 4.
    private static Dictionary<string, double[]> FieldStatistics(Device device)
    {
        const int size = 256;
        const int fields = 32;
        const double sigma = 15;
        var expected = Math.Sqrt(1.0 / 3) * ElasticField.SumOfSquares(GaussianFilter.HalfKernel(sigma));
        var result = new Dictionary<string, double[]>();
        var host = new float[fields * size * size];
        for (var f = 0; f < fields; f++)
        {
            using var map = ElasticMap.Create(size, size, 1.0, sigma, new SeededRandom((ulong)f + 1));
            for (var i = 0; i < size * size; i++)
            {
                host[f * size * size + i] = (float)(map.Cols[i] - (i % size + 60));
            }
        }
        result["host"] = Measure(host);
        foreach (var stride in new[] { 1, 4 })
        {
            using var generator = new RandomGenerator(device, 7);
            using var displacement = ElasticField.Displacements(Enumerable.Repeat(sigma, fields).ToArray(),
                Enumerable.Repeat(1.0, fields).ToArray(), size, 60, stride, generator);
            using var columns = displacement.Select(1, 1).Contiguous();
            result[$"stride{stride}"] = Measure(columns.ToArray<float>());
        }
        return result;

        double[] Measure(float[] values)
        {
            double squares = 0, products = 0;
            long pairs = 0;
            var lag = (int)sigma;
            for (var i = 0; i < values.Length; i++)
            {
                squares += (double)values[i] * values[i];
                if (i % size + lag < size)
                {
                    products += (double)values[i] * values[i + lag];
                    pairs++;
                }
            }
            var spread = Math.Sqrt(squares / values.Length);
            return [Math.Round(spread / expected, 4), Math.Round(products / pairs / (spread * spread), 4)];
        }
    }

    private static TrainingImage Synthetic(int width, int height, ulong seed)
    {
        var random = new SeededRandom(seed);
        var photo = new Raster<byte>(width, height, 3);
        var annotation = new Raster<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var root = (x + y / 3) % 97 < 4 || x % 131 < 3;
                annotation[x, y] = root ? AnnotationLabels.Root : AnnotationLabels.Background;
                var soil = 50 + random.NextInt(60);
                photo[x, y, 0] = (byte)(root ? 210 + random.NextInt(30) : soil);
                photo[x, y, 1] = (byte)(root ? 200 + random.NextInt(30) : soil - 10);
                photo[x, y, 2] = (byte)(root ? 190 + random.NextInt(30) : soil - 20);
            }
        }
        return new TrainingImage($"synthetic{seed}", photo, annotation);
    }
}

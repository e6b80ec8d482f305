using RootSeg.Imaging.Randomness;
using System.Globalization;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Benchmarks;

/// <summary>
/// Training throughput of the paper's setting (Smith et al. 2020, doi:10.1186/s13007-020-00563-0): UNetGN of width
/// 64, 572x572 tiles, batches of 4, the full augmentation built by background workers, SGD with Nesterov momentum,
/// through <see cref="Trainer"/> exactly as <c>rootseg train</c> runs it. Args: STEPS [THREADS [WORKERS [WIDTH]]];
/// the first step is a warm-up; WIDTH (default 64) only shrinks the network where the paper's is too slow to time;
/// prints "rootseg TILES_PER_SECOND SECONDS_PER_STEP".
/// </summary>
internal sealed class TrainBenchmark : IBenchmark
{
    public string Name => "train";

    public int Run(string[] args)
    {
        var steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var width = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64;
        Engine.Configure(Engine.Options with { Threads = threads });
        var options = new TrainingOptions
        {
            Epochs = 1,
            Workers = workers,
            BaseWidth = width,
            Groups = Math.Min(32, width),
            MaxTilesPerImage = 4 * steps,
            CandidatesPerImage = 90,
        };
        using var train = Synthetic("train", 1400, 1200, 1);
        using var validation = Synthetic("validation", 388, 388, 2);
        var folder = Path.Combine(Path.GetTempPath(), "rootseg-train-benchmark-" + Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource();
        var observer = new Timing(steps, cancel);
        try
        {
            var description = new ModelDescription
            {
                Network = options.Network,
                BaseWidth = options.BaseWidth,
                Groups = options.Groups,
                InputTile = options.InputTile,
                OutputTile = options.OutputTile,
            };
            Engine.ManualSeed(options.Seed);
            using var network = NetworkFactory.Create(description, Device.Cpu);
            new Trainer(options, (l, t, m) => RootSegmentationLoss.Compute(l, t, m), observer).Run(network,
                new TrainingData([train], [validation], new Dictionary<string, string>()), description, folder,
                resume: false, cancel.Token);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        if (observer.Reports.Count < steps)
        {
            Console.Error.WriteLine($"only {observer.Reports.Count} steps ran; the synthetic image gave too few tiles");
            return 1;
        }
        var first = observer.Reports[0];
        var last = observer.Reports[steps - 1];
        var tiles = last.TilesThisSession - first.TilesThisSession;
        var seconds = last.SecondsThisSession - first.SecondsThisSession;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rootseg {tiles / seconds:F4} {seconds / (steps - 1):F3}"));
        return 0;
    }

    // Noisy soil with bright diagonal and vertical "roots" a few pixels wide, so every sampled tile holds root.
    private static TrainingImage Synthetic(string stem, int width, int height, ulong seed)
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
                photo[x, y, 1] = (byte)(root ? 190 + random.NextInt(30) : soil - 10);
                photo[x, y, 2] = (byte)(root ? 170 + random.NextInt(30) : soil - 30);
            }
        }
        return new TrainingImage(stem, photo, annotation);
    }

    private sealed class Timing(int steps, CancellationTokenSource cancel) : ITrainingObserver
    {
        public List<StepReport> Reports { get; } = [];

        public void OnStep(StepReport report)
        {
            Reports.Add(report);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rootseg step {report.Batch}: loss {report.Loss:F4}, {report.SecondsThisSession:F1} s so far"));
            if (Reports.Count == steps)
            {
                cancel.Cancel();
            }
        }

        public void OnEpoch(EpochRecord record, bool isBest)
        {
        }

        public void OnNotice(string message)
        {
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using RootSeg.Baseline.Frangi;

namespace RootSeg.Benchmarks;

/// <summary>
/// One objective evaluation of the Frangi baseline search (Smith et al. 2020, doi:10.1186/s13007-020-00563-0):
/// segment the training photos with fixed parameters and score F1 against their annotations. The photos are read
/// and converted to grey before timing, as the search does once for all its evaluations.
/// Arguments: --data DIR --count N --repeats R. Prints one line "rootseg_s=... rootseg_cpu_s=... mean_f1=...
/// threads=..." with the fastest wall time and the processor time (all threads) of that evaluation; the processor
/// time is the steadier figure on a machine shared with other work.
/// </summary>
internal sealed class BaselineBenchmark : IBenchmark
{
    /// <summary>The parameters both sides use; benchmarks/baseline/reference.py holds the same values.</summary>
    internal static readonly FrangiParameters Parameters = new(4, 0.5, 0.05, 0.1, 100);

    public string Name => "baseline";

    public int Run(string[] args)
    {
        string? data = null;
        var count = 5;
        var repeats = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data": data = args[i + 1]; break;
                case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--repeats": repeats = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"baseline: unknown argument {args[i]}");
                    return 2;
            }
        }
        if (data is null || count < 1 || repeats < 1)
        {
            Console.Error.WriteLine("usage: baseline --data DIR [--count N] [--repeats R]");
            return 2;
        }
        var stems = FrangiDataset.Stems(data).Take(count).ToList();
        var images = FrangiDataset.Load(data, stems, Environment.ProcessorCount);
        try
        {
            var objective = new FrangiObjective(images, Environment.ProcessorCount);
            // One untimed evaluation compiles the code paths (the reference side has no JIT to warm).
            var f1 = objective.MeanF1(Parameters);
            var best = (Wall: double.PositiveInfinity, Cpu: 0.0);
            using var process = Process.GetCurrentProcess();
            for (var r = 0; r < repeats; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                f1 = objective.MeanF1(Parameters);
                var wall = watch.Elapsed.TotalSeconds;
                process.Refresh();
                if (wall < best.Wall)
                {
                    best = (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rootseg_s={best.Wall:F4} rootseg_cpu_s={best.Cpu:F4} mean_f1={f1:F6} images={images.Count} " +
                $"threads={Environment.ProcessorCount}"));
            return 0;
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using RootSeg.Torch;
using RootSeg.Torch.Modules;
using RootSeg.Torch.Optim;

namespace RootSeg.Benchmarks;

/// <summary>
/// Training steps (forward, cross-entropy, backward, SGD) of a conv-heavy encoder-decoder under a chosen CPU
/// allocator; prints one line "steps_ms=a,b,c,..." for benchmarks/allocator/run, which compares the shim's caching
/// allocator with glibc malloc and jemalloc (and PyTorch on the same network).
/// </summary>
internal sealed class AllocatorBenchmark : IBenchmark
{
    public string Name => "allocator";

    public int Run(string[] args)
    {
        var allocator = AllocatorKind.Caching;
        int steps = 8, size = 252, width = 32, batch = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--allocator":
                    allocator = value == "system" ? AllocatorKind.System : AllocatorKind.Caching;
                    break;
                case "--steps":
                    steps = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--size":
                    size = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--width":
                    width = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--batch":
                    batch = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"allocator: unknown option {args[i]}");
                    return 2;
            }
        }
        Engine.Configure(EngineOptions.Default with { Allocator = allocator });
        Engine.ManualSeed(0);
        using var net = Network(width);
        using var sgd = new Sgd(net.Parameters(), 0.01, momentum: 0.99, weightDecay: 1e-5, nesterov: true);
        using var x = Tensor.RandN([batch, 3, size, size], seed: 1);
        var outSize = OutputSize(size);
        using var target = Tensor.RandInt(0, 2, [batch, outSize, outSize], seed: 2);
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = default;
        long faultsStart = 0;
        for (var step = 0; step < steps + 2; step++)
        {
            if (step == 2)
            {
                process.Refresh();
                cpuStart = process.TotalProcessorTime;
                faultsStart = MinorFaults();
            }
            var clock = Stopwatch.StartNew();
            sgd.ZeroGrad();
            using (var scope = TensorScope.Enter())
            {
                var loss = Functional.CrossEntropy(net.Forward(x), target);
                loss.Backward();
            }
            sgd.Step();
            if (step >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        process.Refresh();
        var cpuPerStep = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / steps;
        var faultsPerStep = (MinorFaults() - faultsStart) / (double)steps;
        var stats = Engine.AllocatorStatistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocator={allocator} threads={Engine.Threads} steps_ms={string.Join(",", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} " +
            $"cpu_ms_per_step={cpuPerStep:F0} minor_faults_per_step={faultsPerStep:F0} cache_hits={stats.Hits} cache_misses={stats.Misses} peak_mib={stats.PeakInUseBytes / 1048576.0:F0}"));
        return 0;
    }

    // Two levels of a U-Net's valid 3x3 convolutions with ReLU and GroupNorm, pooling and an up-convolution; the
    // Python side (benchmarks/allocator/reference.py) builds the same layers.
    private static Sequential Network(int width) => new(
        new Conv2d(3, width, 3), new ReLU(), new GroupNorm(8, width),
        new Conv2d(width, width, 3), new ReLU(), new GroupNorm(8, width),
        new MaxPool2d(2),
        new Conv2d(width, 2 * width, 3), new ReLU(), new GroupNorm(8, 2 * width),
        new Conv2d(2 * width, 2 * width, 3), new ReLU(), new GroupNorm(8, 2 * width),
        new ConvTranspose2d(2 * width, width, 2, stride: 2),
        new Conv2d(width, width, 3), new ReLU(), new GroupNorm(8, width),
        new Conv2d(width, 2, 1));

    // Field 10 of /proc/self/stat: page faults served without I/O, which is what fresh mmapped pages cost.
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    private static int OutputSize(int size) => ((size - 4) / 2 - 4) * 2 - 2;
}

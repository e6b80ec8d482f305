using System.Globalization;
using RootSeg.Torch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg info`: what RootSeg runs on: its version, libtorch's version and build (BLAS, oneDNN, OpenMP), threads,
/// the processor, its vector extensions and what RootSeg does with them (bf16, Winograd), the CPU allocator, the CUDA
/// devices and the cuDNN benchmark setting.
/// </summary>
internal sealed class InfoCommand : ICommand
{
    public string Name => "info";

    public string Summary => "print versions, threads, BLAS, processor features, allocator and devices";

    public string Usage => """
        usage: rootseg info [--threads N] [--allocator caching|system] [--no-cudnn-benchmark] [--build-config]
          --threads N        intra-op threads to report with (default: one per core)
          --allocator NAME   CPU allocator to report with: caching (default) or system
          --no-cudnn-benchmark  report with cuDNN autotuning off (it is on by default for CUDA)
          --build-config     also print libtorch's full build configuration
        """;

    public int Run(CommandOptions options)
    {
        var threads = options.Int("threads", 0, 0, 4096);
        var allocator = options.String("allocator") switch
        {
            null or "caching" => AllocatorKind.Caching,
            "system" => AllocatorKind.System,
            var other => throw new UsageException($"--allocator must be caching or system, not '{other}'"),
        };
        var fullConfig = options.Flag("build-config");
        var cudnnBenchmark = !options.Flag("no-cudnn-benchmark");
        options.ThrowIfUnused();

        Engine.Configure(Engine.Options with { Threads = threads, Allocator = allocator, CudnnBenchmark = cudnnBenchmark });
        var info = Engine.Describe();
        Console.WriteLine($"RootSeg   {CommandRouter.Version}");
        Console.WriteLine($"libtorch  {info.TorchVersion}");
        Console.WriteLine($".NET      {Environment.Version}");
        Console.WriteLine($"threads   {info.Threads} intra-op ({Environment.ProcessorCount} logical cores)");
        Console.WriteLine($"BLAS      {ConfigValue(info.BuildConfig, "BLAS_INFO")} (LAPACK {ConfigValue(info.BuildConfig, "LAPACK_INFO")}), " +
                          $"loaded: {LoadedLibraries("blas")}");
        Console.WriteLine($"oneDNN    {(info.BuildConfig.Contains("USE_MKLDNN=ON", StringComparison.Ordinal) ? "yes" : "no")}");
        foreach (var line in ProcessorLines.Of(ProcessorFeatures.Detected, ProcessorFeatures.Limit, info))
        {
            Console.WriteLine(line);
        }
        var cache = Gib(Engine.Options.AllocatorCacheLimitBytes);
        Console.WriteLine(info.Allocator == AllocatorKind.Caching
            ? $"allocator caching (shim, cache up to {cache}) over {info.Malloc}"
            : $"allocator system ({info.Malloc})");
        foreach (var line in DeviceLines(info))
        {
            Console.WriteLine(line);
        }
        Console.WriteLine();
        Console.WriteLine("parallel settings (at::get_parallel_info):");
        Console.WriteLine(Indent(info.ParallelInfo));
        if (fullConfig)
        {
            Console.WriteLine("build configuration (at::show_config):");
            Console.WriteLine(Indent(info.BuildConfig));
        }
        return 0;
    }

    /// <summary>
    /// The devices line (every usable device, CUDA ones by index and name), what CUDA this libtorch has, and the
    /// cuDNN benchmark setting in force.
    /// </summary>
    internal static IEnumerable<string> DeviceLines(EngineDescription info)
    {
        var devices = new List<string> { "cpu" };
        devices.AddRange(info.CudaDevices.Select((name, i) => $"cuda:{i} ({name})"));
        yield return "devices   " + string.Join(", ", devices);
        yield return !info.CudaBuilt
            ? "CUDA      not in this libtorch (a CPU-only build; scripts/gpu/README.md builds one with CUDA)"
            : info.CudaAvailable
                ? $"CUDA      {info.CudaDevices.Count} device(s)"
                : "CUDA      in this libtorch, but no CUDA driver/device found";
        var benchmark = info.CudnnBenchmark ? "on" : "off";
        yield return info.CudaAvailable
            ? $"cuDNN     {(info.CudnnAvailable ? "available" : "not available")}, benchmark {benchmark}"
            : $"cuDNN     benchmark {benchmark} (applies to CUDA devices only)";
    }

    // show_config lists "KEY=VALUE" pairs separated by commas inside its "Build settings" line.
    private static string ConfigValue(string config, string key)
    {
        var start = config.IndexOf(key + "=", StringComparison.Ordinal);
        if (start < 0)
        {
            return "unknown";
        }
        start += key.Length + 1;
        var end = config.IndexOfAny([',', '\n'], start);
        return (end < 0 ? config[start..] : config[start..end]).Trim();
    }

    // A "generic" BLAS is whatever libblas.so.3 resolves to at run time (Debian's alternatives), so name the file.
    private static string LoadedLibraries(string part)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return "unknown";
        }
        var paths = File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var i and >= 0 ? line[i..] : "")
            .Where(path => Path.GetFileName(path).Contains(part, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return paths.Count == 0 ? "none yet" : string.Join(", ", paths);
    }

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB");

    private static string Indent(string text) =>
        string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(line => "  " + line.TrimEnd()));
}

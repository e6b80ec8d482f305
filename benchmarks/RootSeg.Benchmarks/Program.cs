using RootSeg.Benchmarks;
using RootSeg.Torch;

// benchmarks/<name>/run calls: dotnet RootSeg.Benchmarks.dll NAME [ARGS]; each benchmark prints its own lines.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .ToDictionary(b => b.Name);
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine($"usage: RootSeg.Benchmarks NAME [ARGS]; NAME in {string.Join(", ", benchmarks.Keys.Order())}");
    return 2;
}
// ROOTSEG_MAX_CPU_ISA=avx2 (set by benchmarks/run) measures the paths of a processor without AVX-512.
var limit = ProcessorLimits.Parse(Environment.GetEnvironmentVariable(ProcessorLimits.EnvironmentVariable));
if (limit != ProcessorLimit.None)
{
    ProcessorFeatures.LimitTo(limit);
}
return benchmark.Run(args[1..]);

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RootSeg.Imaging.Filters;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Benchmarks;

/// <summary>
/// The RootSeg side of benchmarks/imaging: times Frangi (sigmas 1, 2, 3), skeletonize, remove_small_objects and
/// the Euclidean distance transform on one photo's grey channel and mask, which benchmarks/imaging/reference.py
/// dumped as raw files (float32 grey, uint8 0/1 mask, row-major).
/// </summary>
/// <remarks>
/// Arguments: <c>DIR WIDTH HEIGHT REPEATS [--write]</c>. Each operation runs once untimed (JIT, pools), then
/// REPEATS times; the fastest is printed as one JSON line of seconds, with its CPU time (the machine may be
/// shared, so CPU time shows the work done when wall time is inflated by other processes). With --write the outputs are written to DIR
/// for the reference script to compare.
/// </remarks>
internal sealed class ImagingBenchmark : IBenchmark
{
    /// <summary>remove_small_objects' size in the benchmark, matching reference.py.</summary>
    private const int MinSize = 64;

    public string Name => "imaging";

    public int Run(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine("usage: imaging DIR WIDTH HEIGHT REPEATS [--write]");
            return 2;
        }
        var dir = args[0];
        var width = int.Parse(args[1], CultureInfo.InvariantCulture);
        var height = int.Parse(args[2], CultureInfo.InvariantCulture);
        var repeats = int.Parse(args[3], CultureInfo.InvariantCulture);
        var write = args.Contains("--write");
        using var grey = Read<float>(Path.Combine(dir, "grey.f32"), width, height);
        using var mask = Read<byte>(Path.Combine(dir, "mask.u8"), width, height);
        var options = new FrangiOptions { Sigmas = [1, 2, 3] };
        var times = new Dictionary<string, double>();
        Time(times, "frangi", repeats, () => Frangi.Apply(grey, options), write ? Path.Combine(dir, "frangi.rs.f32") : null);
        Time(times, "skeleton", repeats, () => Skeleton.Apply(mask), write ? Path.Combine(dir, "skeleton.rs.u8") : null);
        Time(times, "components", repeats, () => SmallObjects.Remove(mask, MinSize),
            write ? Path.Combine(dir, "components.rs.u8") : null);
        Time(times, "edt", repeats, () => DistanceTransform.Euclidean(mask), write ? Path.Combine(dir, "edt.rs.f64") : null);
        Console.WriteLine("{" + string.Join(", ", times.Select(t =>
            $"\"{t.Key}\": {t.Value.ToString("R", CultureInfo.InvariantCulture)}")) + "}");
        return 0;
    }

    /// <summary>Records the fastest wall time (NAME_s) and the CPU time of that same run (NAME_cpu_s).</summary>
    private static void Time<T>(Dictionary<string, double> times, string name, int repeats, Func<Raster<T>> operation,
        string? output) where T : unmanaged
    {
        using (var first = operation())
        {
            if (output is not null)
            {
                Write(first, output);
            }
        }
        var best = double.PositiveInfinity;
        var bestCpu = double.PositiveInfinity;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = operation();
            watch.Stop();
            process.Refresh();
            result.Dispose();
            if (watch.Elapsed.TotalSeconds < best)
            {
                best = watch.Elapsed.TotalSeconds;
                bestCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            }
        }
        times[name + "_s"] = best;
        times[name + "_cpu_s"] = bestCpu;
    }

    private static Raster<T> Read<T>(string path, int width, int height) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(path);
        var raster = new Raster<T>(width, height);
        var samples = MemoryMarshal.Cast<byte, T>(bytes);
        if (samples.Length != width * height)
        {
            throw new InvalidDataException($"{path}: {samples.Length} samples, expected {width}x{height}");
        }
        for (var y = 0; y < height; y++)
        {
            samples.Slice(y * width, width).CopyTo(raster.Row(y));
        }
        return raster;
    }

    private static void Write<T>(Raster<T> raster, string path) where T : unmanaged
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            for (var y = 0; y < raster.Height; y++)
            {
                stream.Write(MemoryMarshal.AsBytes(raster.Row(y)));
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}

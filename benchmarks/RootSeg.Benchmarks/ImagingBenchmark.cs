using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Filters;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Benchmarks;

/// <summary>
/// The RootSeg side of benchmarks/imaging: times Frangi (sigmas 1, 2, 3), skeletonize, remove_small_objects and
/// the Euclidean distance transform on one photo and its mask, read from the same JPEG files that
/// benchmarks/imaging/reference.py reads with <c>skimage.io.imread</c>.
/// </summary>
/// <remarks>
/// Arguments: <c>PHOTO MASK REPEATS [--write DIR]</c>. The photo becomes grey with scikit-image's <c>rgb2gray</c>
/// weights (<see cref="RasterConversions.ToGreyFloat"/>); the mask is root where its grey value is at least 128.
/// Each operation runs once untimed (JIT, pools), then REPEATS times; the fastest is printed as one JSON line of
/// seconds, with its CPU time (the machine may be shared, so CPU time shows the work done when wall time is
/// inflated by other processes). With --write the inputs as read (float32 grey, uint8 0/1 mask, row-major) and the
/// outputs are written to DIR for the reference script to compare.
/// </remarks>
internal sealed class ImagingBenchmark : IBenchmark
{
    /// <summary>remove_small_objects' size in the benchmark, matching reference.py.</summary>
    private const int MinSize = 64;

    public string Name => "imaging";

    public int Run(string[] args)
    {
        if (!(args.Length == 3 || (args.Length == 5 && args[3] == "--write")))
        {
            Console.Error.WriteLine("usage: imaging PHOTO MASK REPEATS [--write DIR]");
            return 2;
        }
        var repeats = int.Parse(args[2], CultureInfo.InvariantCulture);
        var dir = args.Length == 5 ? args[4] : null;
        using var grey = ReadGrey(args[0]);
        using var mask = ReadMask(args[1], grey.Width, grey.Height);
        if (dir is not null)
        {
            Write(grey, Path.Combine(dir, "grey.rs.f32"));
            Write(mask, Path.Combine(dir, "mask.rs.u8"));
        }
        var options = new FrangiOptions { Sigmas = [1, 2, 3] };
        var times = new Dictionary<string, double>();
        Time(times, "frangi", repeats, () => Frangi.Apply(grey, options), Output(dir, "frangi.rs.f32"));
        Time(times, "skeleton", repeats, () => Skeleton.Apply(mask), Output(dir, "skeleton.rs.u8"));
        Time(times, "components", repeats, () => SmallObjects.Remove(mask, MinSize),
            Output(dir, "components.rs.u8"));
        Time(times, "edt", repeats, () => DistanceTransform.Euclidean(mask), Output(dir, "edt.rs.f64"));
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

    /// <summary>Where an operation's output goes with --write; null without it.</summary>
    private static string? Output(string? dir, string name) => dir is null ? null : Path.Combine(dir, name);

    /// <summary>The photo as grey floats in [0, 1], as <c>rgb2gray(io.imread(photo))</c> gives them.</summary>
    private static Raster<float> ReadGrey(string path)
    {
        using var rgb = ImageFile.ReadRgb(path);
        return RasterConversions.ToGreyFloat(rgb);
    }

    /// <summary>The mask as 0/1 bytes: root where the 8-bit grey value (rgb2gray, rounded) is at least 128.</summary>
    private static Raster<byte> ReadMask(string path, int width, int height)
    {
        var mask = ImageFile.ReadGrey(path);
        if (mask.Width != width || mask.Height != height)
        {
            var (w, h) = (mask.Width, mask.Height);
            mask.Dispose();
            throw new InvalidDataException($"{path}: the mask is {w}x{h}, the photo {width}x{height}");
        }
        for (var y = 0; y < height; y++)
        {
            var row = mask.Row(y);
            for (var x = 0; x < width; x++)
            {
                row[x] = row[x] >= 128 ? (byte)1 : (byte)0;
            }
        }
        return mask;
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

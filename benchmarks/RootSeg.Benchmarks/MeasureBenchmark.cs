using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Benchmarks;

/// <summary>
/// RootSeg side of benchmarks/measure: root traits and line-intersect counts (10, 20, 40, 80 mm grids) of masks
/// prepared by benchmarks/measure/reference.py (raw mask, skeleton and distance transform per image).
/// Arguments: WORK_DIR PX_PER_MM REPEATS. Writes WORK_DIR/rootseg.json with the best time per image and the values.
/// </summary>
internal sealed class MeasureBenchmark : IBenchmark
{
    public string Name => "measure";

    public int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: measure WORK_DIR PX_PER_MM REPEATS");
            return 2;
        }
        var work = args[0];
        var options = MeasurementOptions.Defaults(new Calibration(double.Parse(args[1], CultureInfo.InvariantCulture)));
        var repeats = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "manifest.json")));
        var results = new List<Dictionary<string, object>>();
        foreach (var item in manifest.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            var width = item.GetProperty("width").GetInt32();
            var height = item.GetProperty("height").GetInt32();
            var basePath = Path.Combine(work, name);
            using var mask = Load<byte>(basePath + ".mask.u8", width, height);
            using var skeleton = Load<byte>(basePath + ".skel.u8", width, height);
            using var distance = Load<float>(basePath + ".edt.f32", width, height);
            ImageMeasurement? measured = null;
            var best = double.PositiveInfinity;
            // One untimed run first, so that JIT compilation is not counted.
            for (var r = -1; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                measured = ImageMeasurement.Measure(name, mask, skeleton, distance, options);
                if (r >= 0)
                {
                    best = Math.Min(best, watch.Elapsed.TotalSeconds);
                }
            }
            var t = measured!.Traits;
            results.Add(new Dictionary<string, object>
            {
                ["name"] = name,
                ["seconds"] = best,
                ["skeleton_pixels"] = t.SkeletonPixels,
                ["length_mm"] = t.LengthMm,
                ["area_px"] = t.AreaPixels,
                ["mean_diameter_mm"] = t.MeanDiameterMm,
                ["volume_mm3"] = t.VolumeMm3,
                ["tips"] = t.Tips,
                ["branch_points"] = t.BranchPoints,
                ["crossings"] = measured.Grids.Select(g => g.Crossings).ToArray(),
            });
            Console.WriteLine(FormattableString.Invariant($"{name}: {best * 1000:F1} ms, length {t.LengthMm:F1} mm, 10 mm grid {measured.Grids[0].Crossings} crossings"));
        }
        File.WriteAllText(Path.Combine(work, "rootseg.json"), JsonSerializer.Serialize(results));
        return 0;
    }

    private static Raster<T> Load<T>(string path, int width, int height) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(path);
        var samples = MemoryMarshal.Cast<byte, T>(bytes);
        if (samples.Length != width * height)
        {
            throw new InvalidDataException($"{path} holds {samples.Length} samples, not {width}x{height}");
        }
        var raster = new Raster<T>(width, height);
        for (var y = 0; y < height; y++)
        {
            samples.Slice(y * width, width).CopyTo(raster.Row(y));
        }
        return raster;
    }
}

using RootSeg.Imaging.Randomness;
using System.Diagnostics;
using System.Globalization;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;

namespace RootSeg.Benchmarks;

/// <summary>
/// RootSeg side of benchmarks/augment: one 572x572 training tile through (a) the elastic deformation alone with
/// fixed sigma 37.5 and alpha 945 (gamma 0.5, intensity 0.7), map and resampling of photo and annotation, and
/// (b) the whole paper augmentation with the elastic step always on. Prints "rootseg ELASTIC_S FULL_S" (medians,
/// seconds per tile, one thread).
/// </summary>
internal sealed class AugmentBenchmark : IBenchmark
{
    public string Name => "augment";

    public int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var geometry = TileGeometry.Paper;
        var size = geometry.InputSize;
        var random = new SeededRandom(1);
        using var photo = new Raster<byte>(size, size, 3);
        using var annotation = new Raster<byte>(size, size);
        for (var i = 0; i < photo.Data.Length; i++)
        {
            photo.Data[i] = (byte)random.NextInt(256);
        }
        for (var y = 200; y < 380; y++)
        {
            annotation.Row(y).Slice(250, 8).Fill(AnnotationLabels.Root);
        }
        using var unit = new Raster<float>(size, size, 3);
        for (var i = 0; i < unit.Data.Length; i++)
        {
            unit.Data[i] = photo.Data[i] / 255f;
        }
        var augmenter = new TileAugmenter { Elastic = new ElasticDeformation { Probability = 1.0 } };
        var input = new float[3 * size * size];
        var labels = new byte[geometry.OutputSize * geometry.OutputSize];
        var labelled = new byte[labels.Length];
        var elastic = new List<double>();
        var full = new List<double>();
        for (var r = 0; r <= repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var map = ElasticMap.Create(size, size, 945.0, 37.5, SeededRandom.Derive(2, r));
            using (ElasticDeformation.ApplyToPhoto(unit, map))
            using (ElasticDeformation.ApplyToAnnotation(annotation, map))
            {
                clock.Stop();
            }
            var second = Stopwatch.StartNew();
            augmenter.Augment(photo, annotation, geometry, SeededRandom.Derive(3, r), input, labels, labelled);
            second.Stop();
            if (r > 0)
            {
                // The first round warms up the JIT and is not counted.
                elastic.Add(clock.Elapsed.TotalSeconds);
                full.Add(second.Elapsed.TotalSeconds);
            }
        }
        Console.WriteLine($"rootseg {Seconds(elastic)} | {Seconds(full)}");
        return 0;
    }

    private static string Seconds(IEnumerable<double> values) =>
        string.Join(' ', values.Select(v => v.ToString("F5", CultureInfo.InvariantCulture)));
}

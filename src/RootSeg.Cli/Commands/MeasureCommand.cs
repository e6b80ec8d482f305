using System.Globalization;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Metrics;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg measure`: root traits and virtual line-intersect counts of every mask in a folder
/// (<see cref="ImageMeasurement"/>), the skeleton being scikit-image's <c>skeletonize</c> as Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0) measure root length, and diameters coming from the Euclidean distance transform.
/// </summary>
internal sealed class MeasureCommand : ICommand
{
    public string Name => "measure";

    public string Summary => "root length, diameters, tips and line-intersect counts of masks into a CSV";

    public string Usage => """
        usage: rootseg measure --in MASK_DIR --out CSV [--px-per-mm X]

        Measures every mask in MASK_DIR (root where grey >= 128; .prob.png and .overlay.jpg are ignored): skeleton
        length, area, diameters, volume, tips, branch points, length per diameter class and line-intersect counts on
        10/20/40/80 mm grids. Writes CSV (one row per mask, 'image' = file stem) and CSV's NAME.settings.json with
        the settings and column descriptions, both atomically.

          --in DIR          folder of masks (or one mask file)
          --out FILE        the CSV to write
          --px-per-mm X     image scale (default 1, so millimetres are pixels)
        """;

    public int Run(CommandOptions options)
    {
        var input = options.Required("in");
        var output = options.Required("out");
        var pixelsPerMm = options.Double("px-per-mm", 1, double.Epsilon, 1e6);
        options.ThrowIfUnused();

        var settings = MeasurementOptions.Defaults(new Calibration(pixelsPerMm));
        var masks = File.Exists(input)
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [Path.GetFileNameWithoutExtension(input)] = input }
            : MaskFiles.ByStem(input, "--in");
        if (masks.Count == 0)
        {
            throw new InvalidDataException($"{input}: no masks");
        }
        var measurements = new List<ImageMeasurement>();
        foreach (var (stem, path) in masks)
        {
            measurements.Add(Measure(stem, path, settings));
        }
        MeasurementWriter.Write(output, measurements, settings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured {measurements.Count} masks into {output} (settings in {MeasurementWriter.SettingsPath(output)})"));
        return 0;
    }

    /// <summary>Measures one mask file.</summary>
    internal static ImageMeasurement Measure(string stem, string path, MeasurementOptions settings)
    {
        using var grey = ImageFile.ReadGrey(path);
        using var mask = TruthLabel.FromGreyMask(grey);
        using var skeleton = Skeleton.Apply(mask);
        using var distance = DistanceTransform.Euclidean(mask);
        using var distance32 = new Raster<float>(distance.Width, distance.Height);
        for (var y = 0; y < distance.Height; y++)
        {
            var source = distance.Row(y);
            var target = distance32.Row(y);
            for (var x = 0; x < source.Length; x++)
            {
                target[x] = (float)source[x];
            }
        }
        return ImageMeasurement.Measure(stem, mask, skeleton, distance32, settings);
    }
}

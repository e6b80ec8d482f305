using System.Globalization;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Files;
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

    public string Usage => $"""
        usage: rootseg measure --in MASK_DIR --csv FILE [--px-per-mm X | --dpi D] [--split FILE --subset S] [--overwrite]

        Measures every mask in MASK_DIR (read as 'rootseg evaluate' reads masks: root where the largest channel is
        >= 128, or where 1 in a 0/1 mask; .prob.png, .overlay.jpg and hidden files such as macOS '._' files are
        ignored): skeleton length, area, diameters, volume, tips, branch points, length per diameter class and
        line-intersect counts on 10/20/40/80 mm grids; without a scale only the quantities in pixels and counts.
        Writes the CSV (one row per mask, 'image' = file stem), with a scale also NAME.settings.json (the settings
        and column descriptions), and NAME.manifest.json (settings, inputs, RootSeg version), each atomically. A
        mask that cannot be read gives one line 'rootseg measure: FILE: problem' and the others go on: the CSV then
        holds the good rows and the exit status is 1. Writing over a CSV measured with other settings is refused
        unless --overwrite.

          --in DIR            folder of masks (or one mask file)
        {SplitSubset.Usage}
          --csv FILE          the CSV to write
        {ScaleOption.Usage}
          --overwrite         replace a CSV measured with other settings
        """;

    public int Run(CommandOptions options)
    {
        var input = options.Required("in");
        options.RefuseOutForFile("--csv FILE");
        var output = options.Required("csv");
        var calibration = ScaleOption.Read(options);
        var overwrite = options.Flag("overwrite");
        var subset = SplitSubset.Read(options);
        options.ThrowIfUnused();

        // Without a scale the measurements are made at 1 px/mm and only their pixel quantities are written.
        var settings = MeasurementOptions.Defaults(calibration ?? new Calibration(1));
        var masks = File.Exists(input)
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [Path.GetFileNameWithoutExtension(input)] = input }
            : MaskFiles.ByStem(input, "--in");
        if (masks.Count == 0)
        {
            throw new FileNotFoundException($"{input}: no masks in this folder");
        }
        if (subset is not null)
        {
            masks = subset.Select(masks, input);
        }
        using var outputLock = new OutputManifest
        {
            Command = Name,
            Version = CommandRouter.Version,
            Settings = OutputManifest.SettingsOf(("px-per-mm", calibration?.PixelsPerMm)),
            Inputs = OutputManifest.Describe(masks.Values),
        }.Claim(OutputManifest.BesideFile(output), output, overwrite, File.Exists(output), shareable: false);
        var measurements = new List<ImageMeasurement>();
        foreach (var (stem, path) in masks)
        {
            try
            {
                measurements.Add(Measure(stem, path, settings));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"rootseg measure: {CommandRouter.FailureLine(e)}");
            }
        }
        var failed = masks.Count - measurements.Count;
        if (measurements.Count == 0)
        {
            throw new InvalidDataException($"{input}: none of the {masks.Count} masks could be measured");
        }
        var failures = failed > 0 ? $"; {failed} failed" : "";
        if (calibration is null)
        {
            PixelMeasurementWriter.ToCsv(measurements).Save(output);
            Console.WriteLine($"measured {measurements.Count} masks into {output}: pixel columns only, as no scale was given " +
                              $"(--px-per-mm or --dpi){failures}");
        }
        else
        {
            MeasurementWriter.Write(output, measurements, settings);
            Console.WriteLine($"measured {measurements.Count} masks into {output} (settings in {MeasurementWriter.SettingsPath(output)}){failures}");
        }
        return failed > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>Measures one mask file.</summary>
    internal static ImageMeasurement Measure(string stem, string path, MeasurementOptions settings)
    {
        using var annotation = AnnotationMask.ReadComplete(path);
        var mask = annotation.Labels;
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

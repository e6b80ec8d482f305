using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Export;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Files;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// Writes the tables and charts of an analysis from its measured photos, each file atomically: one process's run
/// (<see cref="AnalysisRun"/>) and the merge of the shards' parts (<see cref="AnalysisMerge"/>) both write through
/// here, so that the same photos in the same order give the same bytes.
/// </summary>
internal static class AnalysisTables
{
    /// <summary>Writes every table the settings call for; returns their file names, in the manifest's order.</summary>
    /// <param name="options">The analysis's settings; the files go into its output folder.</param>
    /// <param name="measured">The measured photos in photo order.</param>
    public static List<string> Write(AnalysisOptions options, IReadOnlyList<MeasuredPhoto> measured)
    {
        var output = options.OutputDirectory;
        var outputs = new List<string> { AnalysisFiles.Traits };
        var measurements = measured.Select(m => m.Measurement).ToList();
        var traitsPath = Path.Combine(output, AnalysisFiles.Traits);
        if (options.Calibration is { } calibration)
        {
            MeasurementWriter.Write(traitsPath, measurements, Settings(calibration, options.DepthOfFieldMm));
            outputs.Add(Path.GetFileName(MeasurementWriter.SettingsPath(traitsPath)));
        }
        else
        {
            PixelMeasurementWriter.ToCsv(measurements).Save(traitsPath);
        }
        if (measured.Count > 0)
        {
            RhizoVisionCsv.Write(Path.Combine(output, AnalysisFiles.RhizoVision),
                measured.Select(m => RhizoVisionCsv.FromTraits(Path.GetFileName(m.Photo), m.Measurement.Traits, m.Seconds)).ToList(),
                physical: options.Calibration is not null);
            outputs.Add(AnalysisFiles.RhizoVision);
        }
        if (options.Depth is { } depth && measured.Count > 0)
        {
            DepthProfileWriter.Write(output, DepthProfile.Build(measured.SelectMany(m => m.Samples), depth.Bands, options.DepthOfFieldMm));
            outputs.AddRange([AnalysisFiles.DepthProfile, AnalysisFiles.RootingDepth, AnalysisFiles.DepthChart, AnalysisFiles.DepthRldChart]);
        }
        return outputs;
    }

    /// <summary>
    /// Writes the tables (<see cref="Write"/>) and then the manifest (<see cref="AnalysisFiles.Manifest"/>), last, so
    /// that a manifest always describes tables that were written whole.
    /// </summary>
    /// <param name="options">The analysis's settings.</param>
    /// <param name="inputs">The inputs text (<see cref="AnalysisManifest.Inputs"/>).</param>
    /// <param name="measured">The measured photos in photo order.</param>
    /// <param name="measureFailures">The masks that could not be measured, in photo order.</param>
    /// <returns>The file names of the tables.</returns>
    public static List<string> WriteWithManifest(AnalysisOptions options, string inputs, IReadOnlyList<MeasuredPhoto> measured,
        IReadOnlyList<(string Photo, string Problem)> measureFailures)
    {
        var outputs = Write(options, measured);
        AtomicFile.WriteText(Path.Combine(options.OutputDirectory, AnalysisFiles.Manifest),
            AnalysisManifest.Json(inputs, options, measureFailures, outputs));
        return outputs;
    }

    /// <summary>
    /// The measurement settings of an analysis. Without a scale the traits are measured at 1 px/mm, so that their
    /// millimetre fields hold pixels.
    /// </summary>
    public static MeasurementOptions Settings(Calibration? calibration, double depthOfFieldMm)
    {
        var defaults = MeasurementOptions.Defaults(calibration ?? new Calibration(1));
        return defaults with { Traits = defaults.Traits with { DepthOfFieldMm = depthOfFieldMm } };
    }
}

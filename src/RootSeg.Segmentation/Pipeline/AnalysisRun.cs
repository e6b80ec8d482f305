using RootSeg.Imaging.Files;
using System.Diagnostics;
using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Export;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Codecs;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Models;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// From a folder of photos to tables of root traits: segments the photos with a trained U-Net (Smith et al. 2020,
/// "Segmentation of roots in soil with U-Net", doi:10.1186/s13007-020-00563-0) through <see cref="BatchSegmenter"/>
/// (resumable) or takes existing masks, measures every mask (<see cref="MaskRasters"/>, <see cref="ImageMeasurement"/>),
/// and writes one row per photo (<see cref="AnalysisFiles.Traits"/>), the same traits under RhizoVision Explorer's
/// names (<see cref="RhizoVisionCsv"/>) and, with depth settings, depth profiles and rooting depth
/// (<see cref="DepthProfile"/>).
/// </summary>
/// <remarks>
/// A photo that cannot be read, segmented or measured, or whose depth is unknown, is reported and left out; the
/// others go on. The manifest (<see cref="AnalysisFiles.Manifest"/>) is written last; a rerun whose settings, masks
/// and left-out photos are unchanged segments nothing (the masks are up to date) and rewrites nothing.
/// </remarks>
public static class AnalysisRun
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="options">What to analyse.</param>
    /// <param name="segmenter">The segmenter, or null when <see cref="AnalysisOptions.MasksDirectory"/> is given.</param>
    /// <param name="progress">Told of each photo in each stage, on the calling thread; may be null.</param>
    /// <exception cref="ArgumentException">Bad options, or no segmenter and no masks folder.</exception>
    /// <exception cref="FileNotFoundException">The input is neither a photo nor a folder.</exception>
    /// <exception cref="InvalidDataException">No photos, or an unreadable metadata table.</exception>
    public static AnalysisSummary Run(AnalysisOptions options, Segmenter? segmenter, IProgress<AnalysisEvent>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (segmenter is null && options.MasksDirectory is null)
        {
            throw new ArgumentException("either a segmenter or a folder of masks is needed", nameof(segmenter));
        }
        var photos = PhotoFiles.List(options.Input);
        if (photos.Count == 0)
        {
            throw new InvalidDataException($"{options.Input}: no photos (.jpg .jpeg .png .tif .tiff)");
        }
        var output = options.OutputDirectory;
        Directory.CreateDirectory(output);
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        var segmented = 0;
        IReadOnlyList<(string Photo, string Mask)> masks;
        var manifestPath = Path.Combine(output, AnalysisFiles.Manifest);
        var previous = AnalysisManifest.Read(manifestPath);
        if (segmenter is not null)
        {
            // Masks of another model are never taken as up to date.
            var otherModel = previous is { } p && AnalysisManifest.Model(p.Inputs) != options.ModelIdentity;
            (masks, segmented) = Segment(photos, Path.Combine(output, AnalysisFiles.Masks), segmenter, otherModel, leftOut, progress);
        }
        else
        {
            masks = ExistingMasks(photos, options.MasksDirectory!, leftOut);
        }
        var frames = options.Depth is { IsPanel: false } tubes ? Frames(tubes, masks, leftOut) : null;
        var good = masks.Where(m => !leftOut.ContainsKey(m.Photo)).ToList();
        var leftOutList = photos.Where(leftOut.ContainsKey).Select(p => (p, leftOut[p])).ToList();

        var inputs = AnalysisManifest.Inputs(options, good.Select(m => (Stem(m.Photo), m.Mask)).ToList(), leftOutList);
        if (previous is { } last && last.Inputs == inputs && last.Outputs.All(o => File.Exists(Path.Combine(output, o))))
        {
            var failures = leftOutList.Concat(last.Failures).ToList();
            return new AnalysisSummary(photos.Count, segmented, 0, true, Ordered(photos, failures), last.Outputs);
        }

        var measured = Measure(options, good, frames, progress, out var measureFailures);
        var outputs = Write(options, measured);
        AtomicFile.WriteText(manifestPath, AnalysisManifest.Json(inputs, options, measureFailures, outputs));
        return new AnalysisSummary(photos.Count, segmented, measured.Count, false, Ordered(photos, leftOutList.Concat(measureFailures)), outputs);
    }

    private static (IReadOnlyList<(string, string)> Masks, int Segmented) Segment(IReadOnlyList<string> photos, string folder,
        Segmenter segmenter, bool overwrite, Dictionary<string, string> leftOut, IProgress<AnalysisEvent>? progress)
    {
        var batch = new BatchSegmenter(segmenter, new BatchOptions { OutputDirectory = folder, Overwrite = overwrite });
        progress?.Report(AnalysisEvent.Start(AnalysisStage.Segment, photos.Count));
        var summary = batch.Run(photos, new Reporter<PhotoReport>(r =>
            progress?.Report(new AnalysisEvent(AnalysisStage.Segment, r.Photo, r.Done, r.Total, r.Outcome == PhotoOutcome.Segmented, r.Problem))));
        foreach (var failure in summary.Failures)
        {
            leftOut[failure.Photo] = failure.Problem ?? "failed";
        }
        return (photos.Where(p => !leftOut.ContainsKey(p)).Select(p => (p, OutputPaths.Mask(folder, p))).ToList(), summary.Segmented);
    }

    private static List<(string, string)> ExistingMasks(IReadOnlyList<string> photos, string folder, Dictionary<string, string> leftOut)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"masks folder {folder} does not exist");
        }
        var byStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mask in PhotoFiles.List(folder))
        {
            var name = Path.GetFileName(mask);
            if (!name.EndsWith(".prob.png", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".overlay.jpg", StringComparison.OrdinalIgnoreCase))
            {
                byStem.TryAdd(Stem(mask), mask);
            }
        }
        var result = new List<(string, string)>();
        foreach (var photo in photos)
        {
            if (byStem.TryGetValue(Stem(photo), out var mask))
            {
                result.Add((photo, mask));
            }
            else
            {
                leftOut[photo] = $"no mask named {Stem(photo)}.* in {folder}";
            }
        }
        return result;
    }

    private static Dictionary<string, FrameInfo> Frames(DepthSettings depth, IReadOnlyList<(string Photo, string Mask)> masks,
        Dictionary<string, string> leftOut)
    {
        IReadOnlyDictionary<string, FrameInfo>? table = null;
        if (depth.FrameTablePath is { } path)
        {
            try
            {
                table = FrameTable.Read(path);
            }
            catch (Exception e) when (e is FormatException or FileNotFoundException)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }
        var frames = new Dictionary<string, FrameInfo>(StringComparer.Ordinal);
        foreach (var (photo, _) in masks)
        {
            if (leftOut.ContainsKey(photo))
            {
                continue;
            }
            try
            {
                var frame = table is null ? FrameNames.Parse(photo)
                    : table.TryGetValue(Stem(photo), out var row) ? row
                    : throw new FormatException($"no row for '{Stem(photo)}' in {depth.FrameTablePath}");
                frame.ResolveDepthMm(depth.Geometry);
                frames[photo] = frame;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                leftOut[photo] = e.Message;
            }
        }
        return frames;
    }

    private static List<Measured> Measure(AnalysisOptions options, IReadOnlyList<(string Photo, string Mask)> good,
        Dictionary<string, FrameInfo>? frames, IProgress<AnalysisEvent>? progress, out List<(string Photo, string Problem)> failures)
    {
        var settings = Settings(options.Calibration ?? new Calibration(1), options.DepthOfFieldMm);
        var results = new List<Measured>();
        failures = [];
        progress?.Report(AnalysisEvent.Start(AnalysisStage.Measure, good.Count));
        for (var i = 0; i < good.Count; i++)
        {
            var (photo, mask) = good[i];
            var clock = Stopwatch.StartNew();
            string? problem = null;
            try
            {
                using var rasters = MaskRasters.Load(mask);
                var measurement = rasters.Measure(Stem(photo), settings);
                var samples = DepthSamples(options, photo, rasters, measurement, frames);
                results.Add(new Measured(photo, measurement, samples, clock.Elapsed.TotalSeconds));
            }
            catch (ImageFileException e)
            {
                problem = $"cannot read its mask {e.Path}: {e.Problem}";
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                problem = $"cannot be measured: {e.Message}";
            }
            if (problem is not null)
            {
                failures.Add((photo, problem));
            }
            progress?.Report(new AnalysisEvent(AnalysisStage.Measure, photo, i + 1, good.Count, problem is null, problem));
        }
        return results;
    }

    private static IReadOnlyList<DepthSample> DepthSamples(AnalysisOptions options, string photo, MaskRasters rasters,
        ImageMeasurement measurement, Dictionary<string, FrameInfo>? frames)
    {
        if (options.Depth is not { } depth)
        {
            return [];
        }
        var stem = Stem(photo);
        if (depth.PanelTopMm is { } top)
        {
            return PanelDepth.Samples(rasters.Skeleton, options.Calibration!, top, depth.Bands, new ProfileGroup(stem, "", ""), stem);
        }
        var frame = frames![photo];
        var band = depth.Bands.IndexOf(frame.ResolveDepthMm(depth.Geometry));
        return [new DepthSample(frame.Tube, frame.Date, frame.Session, stem, band, measurement.Traits.LengthMm, measurement.Traits.ImageAreaMm2)];
    }

    private static List<string> Write(AnalysisOptions options, IReadOnlyList<Measured> measured)
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

    // Without a scale the traits are measured at 1 px/mm, so that their millimetre fields hold pixels.
    private static MeasurementOptions Settings(Calibration calibration, double depthOfFieldMm)
    {
        var defaults = MeasurementOptions.Defaults(calibration);
        return defaults with { Traits = defaults.Traits with { DepthOfFieldMm = depthOfFieldMm } };
    }

    private static IReadOnlyList<(string Photo, string Problem)> Ordered(IReadOnlyList<string> photos, IEnumerable<(string Photo, string Problem)> failures)
    {
        var order = photos.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        return failures.OrderBy(f => order.GetValueOrDefault(f.Photo, int.MaxValue)).ToList();
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);

    private sealed record Measured(string Photo, ImageMeasurement Measurement, IReadOnlyList<DepthSample> Samples, double Seconds);

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

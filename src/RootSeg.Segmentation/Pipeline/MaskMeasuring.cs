using System.Diagnostics;
using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Measurement;
using RootSeg.Imaging.Codecs;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// The measure stage of an <see cref="AnalysisRun"/>: reads every mask (<see cref="MaskRasters"/>: the mask, its
/// skeleton as Smith et al. 2020, doi:10.1186/s13007-020-00563-0, measure root length, and its distance transform),
/// measures its traits and, with depth settings, its root length per depth band. Several masks are measured at once
/// (<see cref="AnalysisOptions.MeasureThreads"/>), each on one thread, so that every core is busy; results are taken,
/// reported and returned in photo order.
/// </summary>
internal static class MaskMeasuring
{
    /// <summary>Measures <paramref name="masks"/>.</summary>
    /// <param name="options">The analysis's settings.</param>
    /// <param name="masks">Photo and mask paths, in photo order.</param>
    /// <param name="frames">Each photo's minirhizotron frame in tube mode, else null.</param>
    /// <param name="progress">Told of each photo on the calling thread, in photo order; may be null.</param>
    /// <param name="failures">The masks that could not be measured, with the problem, in photo order.</param>
    /// <returns>The measured photos, in photo order.</returns>
    public static List<MeasuredPhoto> Measure(AnalysisOptions options, IReadOnlyList<(string Photo, string Mask)> masks,
        IReadOnlyDictionary<string, FrameInfo>? frames, IProgress<AnalysisEvent>? progress, out List<(string Photo, string Problem)> failures)
    {
        var settings = AnalysisTables.Settings(options.Calibration, options.DepthOfFieldMm);
        var threads = options.MeasureThreads > 0 ? options.MeasureThreads : Environment.ProcessorCount;
        var results = new List<MeasuredPhoto>();
        failures = [];
        progress?.Report(AnalysisEvent.Start(AnalysisStage.Measure, masks.Count));
        var running = new Queue<Task<(MeasuredPhoto? Result, string? Problem)>>();
        var started = 0;
        for (var i = 0; i < masks.Count; i++)
        {
            while (started < masks.Count && running.Count < threads)
            {
                var (photo, mask) = masks[started++];
                running.Enqueue(Task.Run(() => MeasureOne(options, settings, photo, mask, frames)));
            }
            var (result, problem) = running.Dequeue().GetAwaiter().GetResult();
            if (result is not null)
            {
                results.Add(result);
            }
            else
            {
                failures.Add((masks[i].Photo, problem!));
            }
            progress?.Report(new AnalysisEvent(AnalysisStage.Measure, masks[i].Photo, i + 1, masks.Count, problem is null, problem));
        }
        return results;
    }

    private static (MeasuredPhoto? Result, string? Problem) MeasureOne(AnalysisOptions options, MeasurementOptions settings,
        string photo, string mask, IReadOnlyDictionary<string, FrameInfo>? frames)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var rasters = MaskRasters.Load(mask);
            var measurement = rasters.Measure(Path.GetFileNameWithoutExtension(photo), settings);
            var samples = DepthSamples(options, photo, rasters, measurement, frames);
            return (new MeasuredPhoto(photo, measurement, samples, clock.Elapsed.TotalSeconds), null);
        }
        catch (ImageFileException e)
        {
            return (null, $"cannot read its mask {e.Path}: {e.Problem}");
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return (null, $"cannot be measured: {e.Message}");
        }
    }

    private static IReadOnlyList<DepthSample> DepthSamples(AnalysisOptions options, string photo, MaskRasters rasters,
        ImageMeasurement measurement, IReadOnlyDictionary<string, FrameInfo>? frames)
    {
        if (options.Depth is not { } depth)
        {
            return [];
        }
        var stem = Path.GetFileNameWithoutExtension(photo);
        if (depth.PanelTopMm is { } top)
        {
            return PanelDepth.Samples(rasters.Skeleton, options.Calibration!, top, depth.Bands, new ProfileGroup(stem, "", ""), stem);
        }
        var frame = frames![photo];
        var band = depth.Bands.IndexOf(frame.ResolveDepthMm(depth.Geometry));
        return [new DepthSample(frame.Tube, frame.Date, frame.Session, stem, band, measurement.Traits.LengthMm, measurement.Traits.ImageAreaMm2)];
    }
}

using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Export;
using RootSeg.Analysis.Measurement;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Inference;

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
/// and left-out photos are unchanged segments nothing (the masks are up to date) and rewrites nothing. A run over
/// one shard of the photos (<see cref="AnalysisOptions.Shard"/>) writes its part instead of the tables, with the
/// same rerun rule; <see cref="AnalysisMerge"/> makes the tables from the parts of all shards.
/// </remarks>
public static class AnalysisRun
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="options">What to analyse.</param>
    /// <param name="segmenter">The segmenter, or null when <see cref="AnalysisOptions.MasksDirectory"/> is given.</param>
    /// <param name="progress">Told of each photo in each stage, on the calling thread; may be null.</param>
    /// <returns>The totals; with a shard, those of the shard's photos.</returns>
    /// <exception cref="ArgumentException">Bad options, or no segmenter and no masks folder.</exception>
    /// <exception cref="FileNotFoundException">The input is neither a photo nor a folder.</exception>
    /// <exception cref="InvalidDataException">No photos, or an unreadable metadata table.</exception>
    /// <exception cref="OutputInUseException">A live run with other settings writes the output folder.</exception>
    public static AnalysisSummary Run(AnalysisOptions options, Segmenter? segmenter, IProgress<AnalysisEvent>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (segmenter is null && options.MasksDirectory is null)
        {
            throw new ArgumentException("either a segmenter or a folder of masks is needed", nameof(segmenter));
        }
        var all = PhotoFiles.List(options.Input);
        if (all.Count == 0)
        {
            throw new InvalidDataException($"{options.Input}: no photos (.jpg .jpeg .png .tif .tiff)");
        }
        var photos = options.Shard.Select(all);
        var output = options.OutputDirectory;
        using var folderLock = OutputLock.ForFolder(output, LockedRun(options));
        var manifestPath = Path.Combine(output, AnalysisFiles.Manifest);
        var partPath = Path.Combine(output, AnalysisFiles.Part(options.Shard));
        var previousPart = options.Shard.Count > 1 ? PreviousPart(partPath) : null;

        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        var segmented = 0;
        IReadOnlyList<(string Photo, string Mask)> masks;
        if (segmenter is not null)
        {
            // Masks of another model are never taken as up to date.
            var previousInputs = previousPart?.Settings ?? AnalysisManifest.Read(manifestPath)?.Inputs;
            var otherModel = previousInputs is not null && AnalysisManifest.Model(previousInputs) != options.ModelIdentity;
            (masks, segmented) = Segment(photos, Path.Combine(output, AnalysisFiles.Masks), segmenter, options.Pipeline, otherModel, leftOut, progress);
        }
        else
        {
            masks = ExistingMasks(photos, options.MasksDirectory!, leftOut);
        }
        var frames = options.Depth is { IsPanel: false } tubes ? Frames(tubes, masks, leftOut) : null;
        var good = masks.Where(m => !leftOut.ContainsKey(m.Photo)).ToList();
        var stamped = good.Select(m => (m.Photo, m.Mask, Stamp: MaskStamp.Of(m.Mask))).ToList();
        var leftOutList = photos.Where(leftOut.ContainsKey).Select(p => (p, leftOut[p])).ToList();
        var settings = AnalysisManifest.Settings(options);
        var inputs = AnalysisManifest.Inputs(settings, stamped.Select(m => (Stem(m.Photo), m.Stamp)), leftOutList);

        if (options.Shard.Count > 1)
        {
            var work = new ShardWork(all, settings, inputs, stamped, leftOutList, partPath);
            return FinishShard(options, work, previousPart, frames, segmented, progress);
        }
        if (AnalysisManifest.UpToDate(manifestPath, inputs, output) is { } previous)
        {
            return new AnalysisSummary(photos.Count, segmented, 0, true, Ordered(photos, leftOutList.Concat(previous.Failures)), previous.Outputs);
        }
        var measured = MaskMeasuring.Measure(options, good, frames, progress, out var measureFailures);
        var outputs = AnalysisTables.WriteWithManifest(options, inputs, measured, measureFailures);
        return new AnalysisSummary(photos.Count, segmented, measured.Count, false, Ordered(photos, leftOutList.Concat(measureFailures)), outputs);
    }

    // What the outputs depend on: runs of the same settings (the shards of one analysis) may write side by side.
    private static OutputRun LockedRun(AnalysisOptions options) =>
        OutputRun.OfThisProcess("analyse", true, ("settings", AnalysisManifest.Settings(options)));

    // A shard measures its photos and writes its part, unless its part of an earlier run has the same inputs.
    private static AnalysisSummary FinishShard(AnalysisOptions options, ShardWork shard, AnalysisPart? previous,
        IReadOnlyDictionary<string, FrameInfo>? frames, int segmented, IProgress<AnalysisEvent>? progress)
    {
        var photos = options.Shard.Select(shard.All);
        var listHash = AnalysisPart.ListHash(shard.All);
        string[] outputs = [AnalysisFiles.Part(options.Shard)];
        if (previous is not null && previous.Inputs() == shard.Inputs && previous.PhotoCount == shard.All.Count && previous.PhotoListSha256 == listHash)
        {
            var earlier = previous.LeftOut.Concat(previous.MeasureFailures).Select(f => (f.Photo, f.Problem));
            return new AnalysisSummary(photos.Count, segmented, 0, true, Ordered(photos, earlier), outputs);
        }
        var measured = MaskMeasuring.Measure(options, shard.Masks.Select(m => (m.Photo, m.Mask)).ToList(), frames, progress, out var failures);
        var position = shard.All.Select((p, i) => (p, i)).Where(e => options.Shard.Includes(e.i)).ToDictionary(e => e.p, e => e.i, StringComparer.Ordinal);
        new AnalysisPart
        {
            Shard = options.Shard,
            PhotoCount = shard.All.Count,
            PhotoListSha256 = listHash,
            Options = options,
            Settings = shard.Settings,
            Masks = shard.Masks.Select(m => new PartMask(position[m.Photo], m.Photo, m.Stamp)).ToList(),
            LeftOut = shard.LeftOut.Select(l => new PartProblem(position[l.Photo], l.Photo, l.Problem)).ToList(),
            Measured = measured.Select(m => new PartMeasurement(position[m.Photo], m)).ToList(),
            MeasureFailures = failures.Select(f => new PartProblem(position[f.Photo], f.Photo, f.Problem)).ToList(),
        }.Write(shard.Path);
        return new AnalysisSummary(photos.Count, segmented, measured.Count, false, Ordered(photos, shard.LeftOut.Concat(failures)), outputs);
    }

    // The shard's part of an earlier run; one that cannot be read is as good as none, since this run replaces it.
    private static AnalysisPart? PreviousPart(string path)
    {
        try
        {
            return AnalysisPart.Read(path);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static (IReadOnlyList<(string, string)> Masks, int Segmented) Segment(IReadOnlyList<string> photos, string folder,
        Segmenter segmenter, int pipeline, bool overwrite, Dictionary<string, string> leftOut, IProgress<AnalysisEvent>? progress)
    {
        var batch = new BatchSegmenter(segmenter, new BatchOptions { OutputDirectory = folder, Overwrite = overwrite, Pipeline = pipeline });
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

    private static IReadOnlyList<(string Photo, string Problem)> Ordered(IReadOnlyList<string> photos, IEnumerable<(string Photo, string Problem)> failures)
    {
        var order = photos.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        return failures.OrderBy(f => order.GetValueOrDefault(f.Photo, int.MaxValue)).ToList();
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);

    // What a shard has to record: the whole photo list, its settings and inputs, its masks and the photos it left out.
    private sealed record ShardWork(IReadOnlyList<string> All, string Settings, string Inputs,
        IReadOnlyList<(string Photo, string Mask, MaskStamp Stamp)> Masks, IReadOnlyList<(string Photo, string Problem)> LeftOut, string Path);

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Overlays;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Inference;

namespace RootSeg.Segmentation.Batch;

/// <summary>
/// Segments a list of photos into a folder (<see cref="OutputPaths"/>), headless and restartable, as a cluster's
/// array jobs need: a photo is up to date, and skipped, when its mask exists and is not older than the photo (and the
/// requested probability and overlay files exist); every file is written under a temporary name and moved into place,
/// the mask last, so an interrupted run leaves nothing that looks finished; a photo that cannot be read, segmented or
/// written is reported and the run goes on. The next photos are decoded and the previous ones' files are encoded on
/// other threads while the network runs (<see cref="BatchOptions.Pipeline"/> photos each way). Inference itself is <see cref="Segmenter"/> (Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0).
/// </summary>
public sealed class BatchSegmenter
{
    private static readonly ImageWriteOptions MaskWrite = new() { Bilevel = true };

    private readonly Segmenter _segmenter;
    private readonly BatchOptions _options;

    /// <summary>Prepares a run.</summary>
    /// <param name="segmenter">The segmenter; used from the calling thread only.</param>
    /// <param name="options">Outputs, crop and shard.</param>
    public BatchSegmenter(Segmenter segmenter, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.OutputDirectory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Pipeline, 1, nameof(options));
        _segmenter = segmenter;
        _options = options;
    }

    /// <summary>
    /// Makes the output folder ready before any photo is segmented: creates it, takes its lock
    /// (<see cref="OutputManifest.Claim"/>: shards of these settings may write beside this run, runs of other settings
    /// may not), refuses it when its manifest says its masks were made with another model or other settings (or when
    /// it holds images but no manifest) unless <see cref="BatchOptions.Overwrite"/>, and writes this run's manifest,
    /// which also proves that the folder can be written. Without a manifest a probe file is written and removed
    /// instead, and no lock is taken (the caller owns the folder, as <c>analyse</c> owns its masks folder). Calling
    /// it again with the same options changes nothing.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <returns>The folder's lock, to hold until the run ends; null without a manifest.</returns>
    /// <exception cref="OutputInUseException">A live run with other settings writes the folder; the message names it.</exception>
    /// <exception cref="StaleOutputException">The folder holds masks made differently; the message names the
    /// folder and every difference.</exception>
    /// <exception cref="IOException">The folder cannot be created or written; the message names it.</exception>
    public static OutputLock? PrepareOutput(BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.OutputDirectory;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"{directory}: the output folder cannot be created: {e.Message}", e);
        }
        if (options.Manifest is { } manifest)
        {
            // Any image in the folder counts, not only the masks of these photos: a run on one photo must not relabel
            // a folder of masks made with other settings.
            var hasImages = ImageFiles.InFolder(directory).Count > 0;
            return manifest.Claim(Path.Combine(directory, OutputManifest.FolderFileName), directory, options.Overwrite, hasImages,
                shareable: true);
        }
        var probe = Path.Combine(directory, $".rootseg-write-probe.{Guid.NewGuid():N}");
        AtomicFile.WriteText(probe, "");
        File.Delete(probe);
        return null;
    }

    /// <summary>Whether the outputs of <paramref name="photo"/> are up to date (the resume rule above).</summary>
    /// <param name="photo">A photo path.</param>
    public bool IsUpToDate(string photo)
    {
        ArgumentException.ThrowIfNullOrEmpty(photo);
        var directory = _options.OutputDirectory;
        var mask = new FileInfo(OutputPaths.Mask(directory, photo));
        if (!mask.Exists || !File.Exists(photo) || mask.LastWriteTimeUtc < File.GetLastWriteTimeUtc(photo))
        {
            return false;
        }
        return (!_options.WriteProbabilities || File.Exists(OutputPaths.Probability(directory, photo)))
            && (!_options.WriteOverlay || File.Exists(OutputPaths.Overlay(directory, photo)));
    }

    /// <summary>
    /// Runs over this shard's part of <paramref name="photos"/> (<see cref="BatchOptions.Shard"/> applied to the
    /// list as given, which should be sorted, see <see cref="PhotoFiles.List"/>).
    /// </summary>
    /// <param name="photos">Photo paths.</param>
    /// <param name="progress">Told of every photo's outcome on the calling thread, in list order; may be null.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="OutputInUseException">A live run with other settings writes the folder.</exception>
    /// <exception cref="StaleOutputException">The folder holds masks made differently (see <see cref="PrepareOutput"/>).</exception>
    /// <exception cref="IOException">The output folder cannot be created or written.</exception>
    public BatchSummary Run(IReadOnlyList<string> photos, IProgress<PhotoReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(photos);
        using var folderLock = PrepareOutput(_options);
        return RunPrepared(photos, progress);
    }

    /// <summary>
    /// As <see cref="Run"/>, for a caller that has already made the folder ready with <see cref="PrepareOutput"/>
    /// (to fail before loading its model) and holds the lock it returned until this returns.
    /// </summary>
    /// <param name="photos">Photo paths.</param>
    /// <param name="progress">Told of every photo's outcome on the calling thread, in list order; may be null.</param>
    /// <returns>The totals.</returns>
    public BatchSummary RunPrepared(IReadOnlyList<string> photos, IProgress<PhotoReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var selected = _options.Shard.Select(photos);
        var failures = new List<PhotoReport>();
        int segmented = 0, skipped = 0, done = 0;
        void Report(string photo, PhotoOutcome outcome, string? problem = null)
        {
            var report = new PhotoReport(photo, outcome, problem, ++done, selected.Count);
            switch (outcome)
            {
                case PhotoOutcome.Segmented:
                    segmented++;
                    break;
                case PhotoOutcome.Skipped:
                    skipped++;
                    break;
                default:
                    failures.Add(report);
                    break;
            }
            progress?.Report(report);
        }

        var work = new List<string>();
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var photo in selected)
        {
            var stem = Path.GetFileNameWithoutExtension(photo);
            if (!stems.TryAdd(stem, photo))
            {
                Report(photo, PhotoOutcome.Failed, $"has the same name stem as {stems[stem]}, so their outputs would collide");
            }
            else if (!_options.Overwrite && IsUpToDate(photo))
            {
                Report(photo, PhotoOutcome.Skipped);
            }
            else
            {
                work.Add(photo);
            }
        }

        // A bounded pipeline: up to Pipeline photos are decoded ahead on pool threads and the outputs of up to
        // Pipeline photos are being written, so a fast network (a GPU) never waits for the codecs.
        var depth = _options.Pipeline;
        var loads = new Queue<Task<Loaded>>();
        var writes = new Queue<(Task<string?> Task, string Photo)>();
        var queued = 0;
        void FillLoads()
        {
            while (queued < work.Count && loads.Count < depth)
            {
                var path = work[queued++];
                loads.Enqueue(Task.Run(() => Load(path)));
            }
        }
        try
        {
            FillLoads();
            for (var i = 0; i < work.Count; i++)
            {
                var loaded = loads.Dequeue().GetAwaiter().GetResult();
                FillLoads();
                if (loaded.Photo is null)
                {
                    Report(work[i], PhotoOutcome.Failed, loaded.Problem);
                    continue;
                }
                SegmentationResult result;
                try
                {
                    result = _segmenter.Segment(loaded.Photo);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    loaded.Photo.Dispose();
                    Report(work[i], PhotoOutcome.Failed, $"cannot be segmented: {e.Message}");
                    continue;
                }
                while (writes.Count >= depth)
                {
                    FinishWrite(writes.Dequeue(), Report);
                }
                var photoPath = work[i];
                var photoRaster = loaded.Photo;
                writes.Enqueue((Task.Run(() => Write(photoPath, photoRaster, result)), photoPath));
            }
        }
        finally
        {
            while (writes.Count > 0)
            {
                FinishWrite(writes.Dequeue(), Report);
            }
            while (loads.Count > 0)
            {
                loads.Dequeue().GetAwaiter().GetResult().Photo?.Dispose();
            }
        }
        return new BatchSummary(segmented, skipped, failures);
    }

    private static void FinishWrite((Task<string?> Task, string Photo) writing, Action<string, PhotoOutcome, string?> report)
    {
        var problem = writing.Task.GetAwaiter().GetResult();
        report(writing.Photo, problem is null ? PhotoOutcome.Segmented : PhotoOutcome.Failed, problem);
    }

    private Loaded Load(string path)
    {
        try
        {
            var photo = ImageFile.ReadRgb(path);
            if (_options.Crop is not { } crop)
            {
                return new Loaded(photo, null);
            }
            using (photo)
            {
                return new Loaded(crop.Apply(photo), null);
            }
        }
        catch (ImageFileException e)
        {
            return new Loaded(null, e.Problem);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            return new Loaded(null, e.Message);
        }
    }

    // Writes the outputs of one photo and disposes its rasters; returns the problem, or null when all went well.
    private string? Write(string photoPath, Raster<byte> photo, SegmentationResult result)
    {
        var directory = _options.OutputDirectory;
        try
        {
            if (_options.WriteProbabilities)
            {
                using var probability = ToByte(result.Probability);
                ImageFile.Write(OutputPaths.Probability(directory, photoPath), probability);
            }
            if (_options.WriteOverlay)
            {
                using var overlay = MaskOverlay.Draw(photo, result.Mask, OverlayColour.Red);
                ImageFile.Write(OutputPaths.Overlay(directory, photoPath), overlay);
            }
            ImageFile.Write(OutputPaths.Mask(directory, photoPath), result.Mask, MaskWrite);
            return null;
        }
        catch (ImageFileException e)
        {
            return $"cannot write {e.Path}: {e.Problem}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"cannot write outputs: {e.Message}";
        }
        finally
        {
            photo.Dispose();
            result.Dispose();
        }
    }

    // Probability x 255, rounded to nearest, as 8-bit grey.
    private static Raster<byte> ToByte(Raster<float> probability)
    {
        var bytes = new Raster<byte>(probability.Width, probability.Height);
        for (var y = 0; y < probability.Height; y++)
        {
            var source = probability.Row(y);
            var target = bytes.Row(y);
            for (var x = 0; x < source.Length; x++)
            {
                target[x] = (byte)Math.Clamp(MathF.Round(source[x] * 255f), 0f, 255f);
            }
        }
        return bytes;
    }

    private readonly record struct Loaded(Raster<byte>? Photo, string? Problem);
}

using System.Globalization;
using System.Text.RegularExpressions;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Batch;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// Brings together the parts that the shards of a sharded analysis (<see cref="AnalysisOptions.Shard"/>, e.g. the
/// tasks of a Slurm array job) wrote into one output folder, and writes the tables, charts and manifest that one
/// <see cref="AnalysisRun"/> over all the photos writes, byte for byte (the RhizoVision table's computation time
/// excepted, which is each photo's own): rows in the order of the sorted photo list, every number as the shard
/// measured it.
/// </summary>
/// <remarks>
/// Nothing is written unless every shard 1..N has a part, all parts were made with the same settings over the same
/// photo list, and together they account for every photo exactly once; otherwise one exception names every shard
/// that is missing or does not fit. The tables are written one by one, each atomically, and the manifest last, so
/// a merge that is stopped halfway is redone by the next one. A merge whose inputs are unchanged since the last
/// merge (or the last single run) rewrites nothing.
/// </remarks>
public static partial class AnalysisMerge
{
    /// <summary>Merges the parts in <paramref name="outputDirectory"/>'s <see cref="AnalysisFiles.Parts"/> folder.</summary>
    /// <param name="outputDirectory">The output folder the shards wrote into; the tables are written there.</param>
    /// <returns>The totals over all photos.</returns>
    /// <exception cref="InvalidDataException">No parts, a shard without a part, parts that do not fit together, or a
    /// part that cannot be read; the message names the folder or the part and says what to run again.</exception>
    /// <exception cref="OutputInUseException">A shard (or another run) still writes the folder; the message names it.</exception>
    /// <exception cref="IOException">A table cannot be written; the message names it.</exception>
    public static AnalysisSummary Run(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var folder = Path.Combine(outputDirectory, AnalysisFiles.Parts);
        var paths = Paths(folder);
        // No shard may still be writing its part while the tables are made from the parts.
        using var folderLock = OutputLock.ForFolder(outputDirectory, OutputRun.OfThisProcess("merge", false));
        var parts = new List<AnalysisPart>(paths.Count);
        foreach (var (shard, path) in paths)
        {
            var part = AnalysisPart.Read(path)!;
            if (part.Shard != shard)
            {
                throw new InvalidDataException($"{path}: holds the part of shard {part.Shard}, not {shard}; run shard {shard} again");
            }
            parts.Add(part);
        }
        CheckFit(folder, parts);

        var first = parts[0];
        var options = first.Options with { OutputDirectory = outputDirectory, Shard = ShardSpec.All };
        var masks = parts.SelectMany(p => p.Masks).OrderBy(m => m.Index).ToList();
        var leftOut = parts.SelectMany(p => p.LeftOut).OrderBy(l => l.Index).ToList();
        CheckCoverage(folder, first.PhotoCount, masks.Select(m => m.Index).Concat(leftOut.Select(l => l.Index)));
        var inputs = AnalysisManifest.Inputs(first.Settings,
            masks.Select(m => (Path.GetFileNameWithoutExtension(m.Photo), m.Mask)), leftOut.Select(l => (l.Photo, l.Problem)));
        var leftOutList = leftOut.Select(l => (l.Photo, l.Problem)).ToList();
        var manifestPath = Path.Combine(outputDirectory, AnalysisFiles.Manifest);
        if (AnalysisManifest.UpToDate(manifestPath, inputs, outputDirectory) is { } previous)
        {
            return new AnalysisSummary(first.PhotoCount, 0, 0, true, InOrder(parts, leftOutList.Concat(previous.Failures)), previous.Outputs);
        }
        var measured = parts.SelectMany(p => p.Measured).OrderBy(m => m.Index).Select(m => m.Result).ToList();
        var measureFailures = parts.SelectMany(p => p.MeasureFailures).OrderBy(f => f.Index).Select(f => (f.Photo, f.Problem)).ToList();
        var outputs = AnalysisTables.WriteWithManifest(options, inputs, measured, measureFailures);
        return new AnalysisSummary(first.PhotoCount, 0, measured.Count, false, InOrder(parts, leftOutList.Concat(measureFailures)), outputs);
    }

    // The part of every shard 1..N, or one exception naming those that have none.
    private static List<(ShardSpec Shard, string Path)> Paths(string folder)
    {
        var found = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Select(p => (Match: PartName().Match(Path.GetFileName(p)), Path: p))
                .Where(f => f.Match.Success)
                .Select(f => (Shard: new ShardSpec(Number(f.Match.Groups[1].Value), Number(f.Match.Groups[2].Value)), f.Path))
                .Where(f => f.Shard.Index >= 1 && f.Shard.Index <= f.Shard.Count)
                .ToList()
            : [];
        if (found.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no parts to merge (each 'rootseg analyse --shard K/N' writes its part there when it has finished)");
        }
        var counts = found.Select(f => f.Shard.Count).Distinct().Order().ToList();
        if (counts.Count > 1)
        {
            throw new InvalidDataException($"{folder}: holds parts of {string.Join(" and ", counts)} shards; remove the parts of the earlier run");
        }
        var count = counts[0];
        var missing = Enumerable.Range(1, count).Where(k => found.All(f => f.Shard.Index != k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: {missing.Count} of {count} shards have no part, so nothing was merged: shard {string.Join(", ", missing.Select(k => $"{k}/{count}"))} (not run, still running, or stopped before it finished: see its log and run it again)"));
        }
        return found.OrderBy(f => f.Shard.Index).ToList();
    }

    // Parts of one run share the settings and the photo list; the first that does not is named with what differs.
    private static void CheckFit(string folder, IReadOnlyList<AnalysisPart> parts)
    {
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if (part.Settings != first.Settings)
            {
                var line = part.Settings.Split('\n').Zip(first.Settings.Split('\n')).First(p => p.First != p.Second);
                throw new InvalidDataException($"{folder}: shard {part.Shard} was run with other settings than shard {first.Shard} " +
                    $"('{line.First}' against '{line.Second}'); run it again with the settings of the others");
            }
            if (part.PhotoCount != first.PhotoCount || part.PhotoListSha256 != first.PhotoListSha256)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{folder}: shard {part.Shard} saw another photo list than shard {first.Shard} ({part.PhotoCount} photos against {first.PhotoCount}; photos were added, removed or renamed while the shards ran): run every shard again"));
            }
        }
    }

    private static void CheckCoverage(string folder, int photoCount, IEnumerable<int> indices)
    {
        var seen = new bool[photoCount];
        foreach (var index in indices)
        {
            if (index < 0 || index >= photoCount || seen[index])
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{folder}: the parts name photo {index} of {photoCount} {(index < 0 || index >= photoCount ? "out of range" : "twice")}; run every shard again"));
            }
            seen[index] = true;
        }
        var missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: no part accounts for photo {missing} of {photoCount}; run every shard again"));
        }
    }

    private static IReadOnlyList<(string Photo, string Problem)> InOrder(IReadOnlyList<AnalysisPart> parts,
        IEnumerable<(string Photo, string Problem)> failures)
    {
        var index = parts.SelectMany(p => p.Masks.Select(m => (m.Photo, m.Index)).Concat(p.LeftOut.Select(l => (l.Photo, l.Index))))
            .ToDictionary(e => e.Photo, e => e.Index, StringComparer.Ordinal);
        return failures.OrderBy(f => index.GetValueOrDefault(f.Photo, int.MaxValue)).ToList();
    }

    private static int Number(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    [GeneratedRegex(@"^analyse-([0-9]{1,9})-of-([0-9]{1,9})\.json$")]
    private static partial Regex PartName();
}

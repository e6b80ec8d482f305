using System.Globalization;
using RootSeg.Baseline.Frangi;
using RootSeg.Cli.Progress;
using RootSeg.Segmentation.Data;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg frangi search|segment`: the Frangi baseline of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0), its
/// CMA-ES parameter search and its segmentation. Binds options and calls RootSeg.Baseline.
/// </summary>
internal sealed class FrangiCommand : ICommand
{
    public string Name => "frangi";

    public string Summary => "the Frangi vesselness baseline: search its parameters, segment with them";

    public string Usage => $"""
        usage: rootseg frangi search --data DIR [--split SPLIT.json] --params PARAMS.json [--budget N] [--seed S]
                                     [--log LOG.json] [--threads T]
               rootseg frangi segment --params PARAMS.json --in PATH --out DIR [--split FILE --subset S]

        search   CMA-ES over max sigma, beta1, beta2, threshold and minimum object size, minimising 1 - mean F1 over
                 the training images: the "train" list of --split, else of DIR/split.json, else (no split) every
                 photo of DIR/photos with an annotation in DIR/annotations.
                 --budget: objective evaluations (default 500); --seed (default 1); --threads: candidates evaluated
                 at once (default: all cores). After every generation the search log (default PARAMS.json.log.json)
                 is rewritten; rerunning the same command resumes from it, a larger --budget continues it.
        segment  writes DIR/<stem>.png (255 root, 0 soil) for the photo PATH or every photo in the folder PATH,
                 with a progress bar on stderr; a photo that cannot be read gives one line
                 'rootseg frangi: PATH: problem' and the others go on (exit code 1).
        {SplitSubset.Usage}
        """;

    public int Run(CommandOptions options)
    {
        if (options.Positional.Count == 0)
        {
            throw new UsageException("say 'search' or 'segment'");
        }
        return options.Positional[0] switch
        {
            "search" => Search(options),
            "segment" => Segment(options),
            _ => throw new UsageException($"unknown sub-command '{options.Positional[0]}'"),
        };
    }

    private static int Search(CommandOptions options)
    {
        var data = options.Required("data");
        var split = options.String("split");
        options.RefuseOutForFile("--params PARAMS.json");
        var output = options.Required("params");
        var log = options.String("log") ?? output + ".log.json";
        var search = new FrangiSearchOptions
        {
            Budget = options.Int("budget", 500, 1),
            Seed = (ulong)options.Int("seed", 1, 0),
            MaxDegreeOfParallelism = options.Int("threads", Environment.ProcessorCount, 1, 1024),
        };
        CheckPositional(options);
        var folderSplit = Path.Combine(data, DatasetSplit.FileName);
        split ??= File.Exists(folderSplit) ? folderSplit : null;
        var stems = split is null ? FrangiDataset.Stems(data) : FrangiDataset.TrainingStems(split);
        if (stems.Count == 0)
        {
            throw new InvalidDataException($"{data}: no photo has an annotation");
        }
        var source = split is null ? "every annotated photo, no split file" : $"the train list of {split}";
        Console.Error.WriteLine($"rootseg frangi: reading {stems.Count} training images from {data} ({source})");
        var images = FrangiDataset.Load(data, stems, search.MaxDegreeOfParallelism);
        // Ctrl-C and SIGTERM both stop the search after the current generation, whose log is then complete.
        using var signals = new InterruptSignals();
        try
        {
            var objective = new FrangiObjective(images, search.MaxDegreeOfParallelism);
            var progress = new Progress(p => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generation {p.Generation}: {p.Evaluations}/{p.Budget} evaluations, best mean F1 " +
                $"{1 - p.BestObjective:F4} at {Describe(p.BestParameters)}")));
            var result = FrangiSearch.Run(candidates => objective.EvaluateAll(candidates, signals.Token), stems, search, log,
                progress, signals.Token);
            new FrangiParametersFile { Parameters = result.Parameters, Search = result.Summary }.Save(output);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mean F1 {1 - result.Summary.Objective:F4} over {stems.Count} images after " +
                $"{result.Summary.Evaluations} evaluations ({result.Summary.StopReason}); {Describe(result.Parameters)}" +
                $" written to {output}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"rootseg frangi: interrupted; the same command resumes from {log}");
            return signals.ExitCode;
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    private static int Segment(CommandOptions options)
    {
        var parameters = FrangiParametersFile.Load(options.Required("params")).Parameters;
        var input = options.Required("in");
        var output = options.Required("out");
        var subset = SplitSubset.Read(options);
        CheckPositional(options);
        var photos = FrangiBatch.Photos(input);
        if (subset is not null)
        {
            photos = subset.Select(photos, input);
        }
        using var folderLock = FrangiBatch.LockOutput(output, parameters);
        var bar = ProgressBar.ForStderr("frangi", photos.Count);
        var failed = 0;
        for (var i = 0; i < photos.Count; i++)
        {
            try
            {
                FrangiBatch.SegmentFile(photos[i], output, parameters);
            }
            catch (Exception e) when (e is IOException or ArgumentException)
            {
                // One line per bad photo; the others are still segmented.
                bar.Message($"rootseg frangi: {e.Message}");
                failed++;
            }
            bar.Advance(i + 1, timed: true);
        }
        bar.Finish();
        Console.WriteLine($"segmented {photos.Count - failed}, failed {failed} ({photos.Count} photos) into {output}");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void CheckPositional(CommandOptions options)
    {
        options.ThrowIfUnused(allowPositional: true);
        if (options.Positional.Count > 1)
        {
            throw new UsageException($"unexpected argument '{options.Positional[1]}'");
        }
    }

    private static string Describe(FrangiParameters p) => string.Create(CultureInfo.InvariantCulture,
        $"max sigma {p.MaxSigma}, beta1 {p.Beta1:G4}, beta2 {p.Beta2:G4}, threshold {p.Threshold:G4}, " +
        $"min size {p.MinObjectSize}");

    private sealed class Progress(Action<FrangiSearchProgress> report) : IProgress<FrangiSearchProgress>
    {
        public void Report(FrangiSearchProgress value) => report(value);
    }
}

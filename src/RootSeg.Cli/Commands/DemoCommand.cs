using System.Globalization;
using RootSeg.Segmentation.Demo;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg demo`: the whole method of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) on synthetic photos in a
/// few minutes on a CPU (<see cref="DemoRun"/>), ending with an HTML report.
/// </summary>
internal sealed class DemoCommand : ICommand
{
    public string Name => "demo";

    public string Summary => "synthesise photos, train, segment, evaluate, measure, correlate and report, in minutes on a CPU";

    public string Usage => """
        usage: rootseg demo [--out DIR] [--seed S] [--quick]

        Runs every stage on synthetic soil photos whose exact root masks and true root lengths are known: draws
        the photos, splits them as the paper does, trains a small U-Net on the CPU, segments the held-out test
        photos, evaluates them against the exact masks, measures root length (mm) and line-intersect counts,
        correlates segmented with true root length, and writes DIR/report.html. Takes a few minutes on 2 cores.
          --out DIR    output folder (default ./demo); must not hold an earlier demo run
          --seed S     seed of the photos, the split and training (default 1)
          --quick      a tiny run of well under a minute that checks every stage (its numbers mean little)
        """;

    public int Run(CommandOptions options)
    {
        var output = options.String("out") ?? "demo";
        var seed = options.Int("seed", 1, 0, int.MaxValue);
        var quick = options.Flag("quick");
        options.ThrowIfUnused();
        var settings = quick ? DemoOptions.Quick(output, seed) : DemoOptions.Standard(output, seed);
        Console.Error.WriteLine(quick
            ? "rootseg demo --quick: a tiny end-to-end run; its numbers only show that every stage works."
            : "rootseg demo: the whole method on synthetic photos; this takes a few minutes on a CPU.");
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested)
            {
                return;
            }
            e.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine();
            Console.Error.WriteLine("rootseg demo: interrupted; finishing the current training step, then testing the best model so far...");
        };
        Console.CancelKeyPress += onCancel;
        DemoResult result;
        try
        {
            result = DemoRun.Run(settings, Console.Error, interactive: !Console.IsErrorRedirected, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        Console.WriteLine(Describe(result));
        return 0;
    }

    private static string Describe(DemoResult r)
    {
        var p = r.Paths;
        return string.Create(CultureInfo.InvariantCulture, $"""

            Done in {r.Seconds / 60:F1} min. Open the report: {Path.GetFullPath(p.Report)}

              test F1 (all {r.TestCount} test photos pooled): {r.TestF1:F3}   (1 = perfect agreement with the exact masks)
              segmented vs true root length: Spearman rho {r.SpearmanRho:F3} (p = {r.SpearmanP:G3}), r² {r.RSquared:F3}
              model kept from epoch {r.BestEpoch} (validation F1 {r.ValidationF1:F3}); {r.TrainCount} training, {r.ValidationCount} validation photos

            Everything is in {Path.GetFullPath(p.Directory)}/:
              dataset/          synthetic photos, exact masks (annotations/) and true lengths (truth.csv)
              split.json        which photos trained, validated and tested the network
              run/              training log (log.csv) and the best model (best.safetensors + best.json)
              segmentations/    root masks of the test photos; overlays/ shows them against the truth
              evaluation.json   metrics (also evaluation.csv, one row per photo)
              measurements.csv  root length in mm, diameters, line-intersect counts per test photo
              correlation.json  segmented against true root length (true_length.csv)
              report.html       all of the above on one page
            """);
    }
}

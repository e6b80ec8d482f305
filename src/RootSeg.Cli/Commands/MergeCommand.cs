using System.Globalization;
using RootSeg.Segmentation.Pipeline;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg merge`: the tables of a sharded `rootseg analyse` (<see cref="AnalysisMerge"/>), once every shard has
/// written its part: the files one process over all the photos writes.
/// </summary>
internal sealed class MergeCommand : ICommand
{
    public string Name => "merge";

    public string Summary => "the tables of an analyse run split into shards (--shard K/N), once every shard is done";

    public string Usage => """
        usage: rootseg merge --out DIR

        Reads DIR/parts/analyse-K-of-N.json, written by every 'rootseg analyse --out DIR --shard K/N' (K = 1..N),
        and writes into DIR what one 'rootseg analyse' over all the photos writes: traits.csv (the same bytes),
        rhizovision_features.csv, the depth profile and rooting-depth tables and charts, and analysis.json (after
        which 'rootseg analyse' without --shard finds everything up to date). Rows follow the sorted photo list.
        Nothing is written when a shard has no part (not run, still running, or stopped before it finished) or
        when the parts do not fit together (other settings, another photo list): one line names every such shard.
        A photo that a shard could not analyse gives one line 'rootseg merge: PATH: problem'; the exit code is
        then 1. A merge with nothing changed since the last one does nothing.

          --out DIR       the output folder of the shards
        """;

    public int Run(CommandOptions options)
    {
        var output = options.Required("out");
        options.ThrowIfUnused();
        var summary = AnalysisMerge.Run(output);
        foreach (var (photo, problem) in summary.Failures)
        {
            Console.Error.WriteLine($"rootseg merge: {photo}: {problem}");
        }
        var good = summary.Photos - summary.Failures.Count;
        Console.WriteLine(summary.UpToDate
            ? string.Create(CultureInfo.InvariantCulture, $"up to date: {good} of {summary.Photos} photos merged earlier, nothing to do ({output})")
            : string.Create(CultureInfo.InvariantCulture,
                $"merged {summary.Measured} of {summary.Photos} photos, failed {summary.Failures.Count}; wrote {string.Join(", ", summary.Outputs)} into {output}"));
        return summary.Failures.Count > 0 ? 1 : 0;
    }
}

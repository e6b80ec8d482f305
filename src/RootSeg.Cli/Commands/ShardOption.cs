using RootSeg.Segmentation.Batch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// <c>--shard K/N</c>: the share of the sorted photo list one process takes (<see cref="ShardSpec"/>), for the tasks
/// of a cluster's array job (scripts/slurm/shards.sbatch sets it from Slurm's array variables).
/// </summary>
internal static class ShardOption
{
    /// <summary>The usage line of the option.</summary>
    public const string Usage = "  --shard K/N         take files K, K+N, K+2N, ... (1-based) of the sorted list, for cluster array jobs";

    /// <summary>The shard the option gives, or the whole list.</summary>
    /// <exception cref="UsageException">The text is not K/N with 1 &lt;= K &lt;= N.</exception>
    public static ShardSpec Read(CommandOptions options)
    {
        var text = options.String("shard");
        try
        {
            return text is null ? ShardSpec.All : ShardSpec.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--shard: {e.Message}");
        }
    }
}

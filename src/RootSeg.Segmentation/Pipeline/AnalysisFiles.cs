using System.Globalization;
using RootSeg.Segmentation.Batch;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>The files an <see cref="AnalysisRun"/> writes into its output folder.</summary>
public static class AnalysisFiles
{
    /// <summary>Masks segmented by the run (1-bit PNG, one per photo).</summary>
    public const string Masks = "masks";

    /// <summary>One row of traits per photo: <c>rootseg measure</c>'s columns with a scale, pixel columns without.</summary>
    public const string Traits = "traits.csv";

    /// <summary>The traits under RhizoVision Explorer's column names and units.</summary>
    public const string RhizoVision = "rhizovision_features.csv";

    /// <summary>Root length and density per profile and depth band.</summary>
    public const string DepthProfile = "depth_profile.csv";

    /// <summary>D50 and D95 per profile.</summary>
    public const string RootingDepth = "rooting_depth.csv";

    /// <summary>Root length against depth.</summary>
    public const string DepthChart = "depth_profile.svg";

    /// <summary>Root length density against depth.</summary>
    public const string DepthRldChart = "depth_rld.svg";

    /// <summary>Settings, inputs and columns of the run; written last, compared on a rerun.</summary>
    public const string Manifest = "analysis.json";

    /// <summary>The folder of the shards' parts (<see cref="Part"/>), which <see cref="AnalysisMerge"/> reads.</summary>
    public const string Parts = "parts";

    /// <summary>The part that shard <paramref name="shard"/> writes: <c>parts/analyse-K-of-N.json</c>.</summary>
    public static string Part(ShardSpec shard) =>
        Path.Combine(Parts, string.Create(CultureInfo.InvariantCulture, $"analyse-{shard.Index}-of-{shard.Count}.json"));
}

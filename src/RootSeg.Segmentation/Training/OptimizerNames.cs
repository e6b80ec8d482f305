namespace RootSeg.Segmentation.Training;

/// <summary>Names of the optimisers a training run can use.</summary>
public static class OptimizerNames
{
    /// <summary>SGD with (Nesterov) momentum and L2 weight decay, as in Smith et al. 2020.</summary>
    public const string Sgd = "sgd";

    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter 2019, arXiv:1711.05101).</summary>
    public const string AdamW = "adamw";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [Sgd, AdamW];

    /// <summary>Whether <paramref name="name"/> is known (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

namespace RootSeg.Segmentation.Training;

/// <summary>Names of the learning-rate schedules; see <see cref="LearningRateSchedule"/>.</summary>
public static class ScheduleNames
{
    /// <summary>The paper's: the rate times a factor every fixed number of epochs, stepped at the end of an epoch.</summary>
    public const string Step = "step";

    /// <summary>nnU-Net's polynomial decay, rate x (1 - progress)^0.9 (Isensee et al. 2021, doi:10.1038/s41592-020-01008-z).</summary>
    public const string Poly = "poly";

    /// <summary>Cosine decay to zero, rate x (1 + cos(pi progress)) / 2 (Loshchilov and Hutter 2017, arXiv:1608.03983).</summary>
    public const string Cosine = "cosine";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [Step, Poly, Cosine];

    /// <summary>Whether <paramref name="name"/> is known (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

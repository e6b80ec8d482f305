namespace RootSeg.Segmentation.Training;

/// <summary>Where the encoder of a network with a separate encoder starts (<see cref="TrainingOptions.Pretrained"/>).</summary>
public static class PretrainedNames
{
    /// <summary>Random (He) initialisation: training from scratch.</summary>
    public const string None = "none";

    /// <summary>
    /// The ImageNet-trained ResNet-18 (<see cref="Networks.ImageNetResNet18"/>): transfer learning, after Yosinski et
    /// al. 2014, "How transferable are features in deep neural networks?" (arXiv:1411.1792).
    /// </summary>
    public const string ImageNet = "imagenet";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [None, ImageNet];

    /// <summary>Whether <paramref name="name"/> is known (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

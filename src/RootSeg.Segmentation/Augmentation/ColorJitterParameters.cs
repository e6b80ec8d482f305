namespace RootSeg.Segmentation.Augmentation;

/// <summary>One draw of <see cref="ColorJitter"/>: the order of the operations and their factors.</summary>
/// <param name="Order">The four operations in the order they are applied.</param>
/// <param name="Brightness">Brightness factor (1 = unchanged), or null to skip.</param>
/// <param name="Contrast">Contrast factor (1 = unchanged), or null to skip.</param>
/// <param name="Saturation">Saturation factor (1 = unchanged), or null to skip.</param>
/// <param name="Hue">Hue shift in turns, in [-0.5, 0.5], or null to skip.</param>
public sealed record ColorJitterParameters(
    IReadOnlyList<ColorJitterOperation> Order, double? Brightness, double? Contrast, double? Saturation, double? Hue);

namespace RootSeg.Segmentation.Data;

/// <summary>The shares asked for in a random split (SegRoot's 0.6, 0.2, 0.2 by default).</summary>
/// <param name="Train">Share of training images.</param>
/// <param name="Validation">Share of validation images.</param>
/// <param name="Test">Share of test images.</param>
public sealed record SplitFractions(double Train, double Validation, double Test)
{
    /// <summary>SegRoot's protocol: 60% training, 20% validation, 20% test.</summary>
    public static SplitFractions SegRoot { get; } = new(0.6, 0.2, 0.2);
}

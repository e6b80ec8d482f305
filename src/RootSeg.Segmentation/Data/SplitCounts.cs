namespace RootSeg.Segmentation.Data;

/// <summary>The number of stems in each list of a <see cref="DatasetSplit"/>.</summary>
/// <param name="Train">Training images.</param>
/// <param name="Validation">Validation images.</param>
/// <param name="Test">Test images.</param>
/// <param name="Excluded">Images left out.</param>
public sealed record SplitCounts(int Train, int Validation, int Test, int Excluded);

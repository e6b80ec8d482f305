using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Training;

/// <summary>The decoded images of a run and the fingerprints of the files they came from.</summary>
/// <param name="Train">Training images (tiles are sampled from them every epoch); owned by the caller.</param>
/// <param name="Validation">Validation images (every tile is used); owned by the caller.</param>
/// <param name="DataHashes">SHA-256 of each file, keyed by path relative to the dataset folder.</param>
public sealed record TrainingData(IReadOnlyList<TrainingImage> Train, IReadOnlyList<TrainingImage> Validation,
    IReadOnlyDictionary<string, string> DataHashes);

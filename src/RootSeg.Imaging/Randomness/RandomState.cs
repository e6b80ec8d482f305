namespace RootSeg.Imaging.Randomness;

/// <summary>
/// The complete state of a <see cref="SeededRandom"/>: four 64-bit words. Saving it in a checkpoint and restoring it
/// with <see cref="SeededRandom.FromState"/> continues the exact same sequence of draws.
/// </summary>
/// <param name="S0">First state word.</param>
/// <param name="S1">Second state word.</param>
/// <param name="S2">Third state word.</param>
/// <param name="S3">Fourth state word.</param>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3);

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// Test classes that seed torch's process-wide default generator (Engine.ManualSeed) and then draw from it, as
/// building a UNetGN does: xunit runs them one after another, so one class's draws cannot fall between another's
/// seed and its draws.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DefaultGeneratorCollection
{
    public const string Name = "torch default generator";
}

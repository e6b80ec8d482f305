namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>A module-level name a pickle referred to with GLOBAL, already checked against the allow-list.</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Module}.{Name}";
}

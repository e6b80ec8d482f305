namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>A Python set or frozenset, kept as the list of its items in pickle order.</summary>
internal sealed class PySet
{
    /// <summary>The items.</summary>
    public List<object?> Items { get; } = [];
}

namespace RootSeg.Torch.Serialization;

/// <summary>How <see cref="TorchPickleReader"/> finds the state dict inside a checkpoint and names its tensors.</summary>
public sealed record TorchImportOptions
{
    /// <summary>The prefix <c>torch.nn.DataParallel</c> puts before every parameter name.</summary>
    public const string DataParallelPrefix = "module.";

    /// <summary>Options that take the state dict from the top level or from the one nested dict of tensors.</summary>
    public static TorchImportOptions Default { get; } = new();

    /// <summary>
    /// Key of the top-level checkpoint dict that holds the state dict (for example <c>state_dict</c> in
    /// <c>{'state_dict': ..., 'epoch': 73}</c>). Null: use the top level when it is a dict of tensors, otherwise the
    /// only top-level value that is a non-empty dict of tensors.
    /// </summary>
    public string? StateDictKey { get; init; }

    /// <summary>
    /// A prefix to remove from tensor names that start with it, for example <see cref="DataParallelPrefix"/>;
    /// null or empty keeps names as stored.
    /// </summary>
    public string? RemovePrefix { get; init; }
}

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// Finds the dict of tensors in an unpickled checkpoint: the top level itself (what <c>torch.save(model.state_dict())</c>
/// writes), or a dict nested under a key of a checkpoint dict, and copies its tensors out.
/// </summary>
internal static class StateDictLocator
{
    /// <summary>Materialises the state dict <paramref name="options"/> selects from <paramref name="root"/>.</summary>
    public static StateDict Locate(object? root, TorchImportOptions options)
    {
        var tensors = options.StateDictKey is { } key ? Nested(root, key) : Automatic(root);
        var result = new StateDict();
        foreach (var (name, value) in tensors.Entries)
        {
            var tensor = ((PickledTensor)value!).Materialize();
            var label = (string)name!;
            if (label.Length == 0)
            {
                throw new InvalidDataException("state dict has a tensor with an empty name");
            }
            result.Add(label, tensor);
        }
        if (string.IsNullOrEmpty(options.RemovePrefix))
        {
            return result;
        }
        try
        {
            return result.WithoutPrefix(options.RemovePrefix);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message);
        }
    }

    private static PyDict Nested(object? root, string key)
    {
        if (root is not PyDict checkpoint || !checkpoint.TryGet(key, out var value))
        {
            throw new InvalidDataException($"checkpoint has no key '{key}'; its top-level keys are {TopLevelKeys(root)}");
        }
        return IsTensorDict(value)
            ? (PyDict)value!
            : throw new InvalidDataException($"checkpoint entry '{key}' is not a dict of tensors");
    }

    private static PyDict Automatic(object? root)
    {
        if (root is PyDict top && IsTensorDict(top))
        {
            return top;
        }
        var candidates = root is PyDict dict
            ? dict.Entries.Where(e => e.Key is string && IsTensorDict(e.Value) && ((PyDict)e.Value!).Entries.Count > 0).ToList()
            : [];
        return candidates.Count switch
        {
            1 => (PyDict)candidates[0].Value!,
            0 => throw new InvalidDataException(
                $"holds no dict of tensors at the top level or under a top-level key; top-level keys are {TopLevelKeys(root)}"),
            _ => throw new InvalidDataException(
                $"holds several dicts of tensors ({string.Join(", ", candidates.Select(c => $"'{c.Key}'"))}); " +
                "choose one with TorchImportOptions.StateDictKey"),
        };
    }

    private static bool IsTensorDict(object? value) =>
        value is PyDict dict && dict.Entries.All(e => e.Key is string && e.Value is PickledTensor);

    private static string TopLevelKeys(object? root) => root is PyDict dict
        ? "[" + string.Join(", ", dict.Entries.Select(e => e.Key is string s ? $"'{s}'" : e.Key?.ToString() ?? "None")) + "]"
        : $"(none: the top level is not a dict but a {root?.GetType().Name ?? "None"})";
}

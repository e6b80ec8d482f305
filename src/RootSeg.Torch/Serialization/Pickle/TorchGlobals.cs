using System.Text;

namespace RootSeg.Torch.Serialization.Pickle;

/// <summary>
/// The allow-list of Python globals a PyTorch state-dict pickle may name, and the fixed, side-effect-free meaning
/// RootSeg gives to calling each. Everything else is refused, which is what makes reading an untrusted checkpoint
/// safe: a pickle can only build data, never run code.
/// </summary>
internal static class TorchGlobals
{
    private const string RebuildModule = "torch._utils";

    /// <summary>Checks that <c>module.name</c> is allowed and returns its reference.</summary>
    /// <exception cref="InvalidDataException">The global is not on the allow-list.</exception>
    public static PyGlobal Resolve(string module, string name)
    {
        var allowed = (module, name) switch
        {
            ("collections", "OrderedDict") => true,
            ("builtins" or "__builtin__", "set" or "frozenset") => true,
            ("_codecs", "encode") => true,
            ("torch", "device" or "Size" or "UntypedStorage") => true,
            ("torch", _) => StoredDTypes.TryParseTorchStorageName(name, out _),
            (RebuildModule, "_rebuild_tensor" or "_rebuild_tensor_v2" or "_rebuild_parameter" or "_rebuild_parameter_with_state") => true,
            _ => false,
        };
        return allowed
            ? new PyGlobal(module, name)
            : throw new InvalidDataException(
                $"global '{module}.{name}' is not allowed: only tensors, storages, OrderedDicts and plain values " +
                "are read, and other classes and functions are refused so that reading never runs code");
    }

    /// <summary>The storage element type a storage class global stands for (UntypedStorage is bytes).</summary>
    public static bool TryStorageType(object? value, out StoredDType dtype)
    {
        dtype = StoredDType.UInt8;
        return value is PyGlobal { Module: "torch" } global &&
            (global.Name == "UntypedStorage" || StoredDTypes.TryParseTorchStorageName(global.Name, out dtype));
    }

    /// <summary>Whether BUILD may set state on <paramref name="target"/> (state that RootSeg then ignores).</summary>
    public static bool AcceptsState(object? target) => target is PyDict or PickledTensor;

    /// <summary>Gives the result of calling <paramref name="callable"/> with <paramref name="args"/>.</summary>
    /// <exception cref="InvalidDataException">The arguments do not fit the callable.</exception>
    public static object? Call(PyGlobal callable, object?[] args) => (callable.Module, callable.Name) switch
    {
        ("collections", "OrderedDict") => NewDict(args),
        (_, "set" or "frozenset") => NewSet(args),
        ("_codecs", "encode") => Encode(args),
        ("torch", "device") => Device(args),
        ("torch", "Size") => args is [object?[] extents] ? extents : throw Bad(callable, args),
        (RebuildModule, "_rebuild_tensor_v2" or "_rebuild_tensor") => RebuildTensor(callable, args),
        (RebuildModule, "_rebuild_parameter" or "_rebuild_parameter_with_state") =>
            args.Length >= 3 && args[0] is PickledTensor tensor ? tensor : throw Bad(callable, args),
        _ => throw new InvalidDataException($"'{callable}' cannot be called"),
    };

    private static PyDict NewDict(object?[] args)
    {
        var dict = new PyDict();
        if (args is [])
        {
            return dict;
        }
        if (args is not [List<object?> pairs])
        {
            throw Bad(new PyGlobal("collections", "OrderedDict"), args);
        }
        foreach (var pair in pairs)
        {
            switch (pair)
            {
                case object?[] { Length: 2 } tuple: dict.Set(tuple[0], tuple[1]); break;
                case List<object?> { Count: 2 } list: dict.Set(list[0], list[1]); break;
                default: throw new InvalidDataException("OrderedDict item is not a key/value pair");
            }
        }
        return dict;
    }

    private static PySet NewSet(object?[] args)
    {
        var set = new PySet();
        switch (args)
        {
            case []: break;
            case [List<object?> items]: set.Items.AddRange(items); break;
            default: throw new InvalidDataException("set() takes one list of items");
        }
        return set;
    }

    /// <summary>Protocol 2 writes Python 3 bytes as <c>_codecs.encode(text, 'latin1')</c>: one char per byte.</summary>
    private static byte[] Encode(object?[] args) => args is [string text, "latin1" or "latin-1"]
        ? Encoding.Latin1.GetBytes(text)
        : throw new InvalidDataException("_codecs.encode is only accepted for (str, 'latin1'), the bytes encoding of protocol 2");

    private static string Device(object?[] args) => args switch
    {
        [string type] => type,
        [string type, long index] => $"{type}:{index}",
        _ => throw new InvalidDataException("torch.device takes a type string and an optional index"),
    };

    /// <summary>
    /// (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]) for v2, the first four for
    /// v1; autograd flags and hooks do not belong in stored weights and are ignored.
    /// </summary>
    private static PickledTensor RebuildTensor(PyGlobal callable, object?[] args)
    {
        if (args.Length < 4 || args[0] is not TorchStorage storage || args[1] is not long offset ||
            args[2] is not object?[] size || args[3] is not object?[] stride)
        {
            throw Bad(callable, args);
        }
        return new PickledTensor(storage, offset, ToLongs(size, callable), ToLongs(stride, callable));
    }

    private static long[] ToLongs(object?[] values, PyGlobal callable) =>
        values.Select(v => v is long l ? l : throw new InvalidDataException($"'{callable}' got a non-integer size or stride")).ToArray();

    private static InvalidDataException Bad(PyGlobal callable, object?[] args) =>
        new($"'{callable}' called with unexpected arguments ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "None"))})");
}

using RootSeg.Torch.Modules;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// Moves tensors between libtorch (<see cref="Tensor"/>) and weight files (<see cref="StoredTensor"/>), and
/// saves and loads whole modules: safetensors files, and state dicts written by PyTorch's <c>torch.save</c>.
/// </summary>
public static class TensorConversions
{
    /// <summary>A tensor holding a copy of <paramref name="stored"/>, on <paramref name="device"/> (the CPU when null).</summary>
    /// <exception cref="NotSupportedException">The stored type has no libtorch counterpart here (Int8, Int16).</exception>
    public static Tensor ToTensor(this StoredTensor stored, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Tensor.FromBytes(stored.Data, ToScalarType(stored.DType), stored.ShapeArray(), device);
    }

    /// <summary>A copy of <paramref name="tensor"/>'s elements, from any device, detached from autograd.</summary>
    public static StoredTensor ToStored(this Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new StoredTensor(ToStoredDType(tensor.DType), tensor.Shape, tensor.ToBytes());
    }

    /// <summary>Copies of a module's parameters and buffers in state-dict order.</summary>
    public static StateDict ToStateDict(this Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = new StateDict();
        foreach (var (name, tensor) in module.StateDict())
        {
            result.Add(name, tensor.ToStored());
        }
        return result;
    }

    /// <summary>Writes the module's state dict as a safetensors file (atomically), with optional metadata strings.</summary>
    public static void SaveSafetensors(this Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsFile.Write(path, module.ToStateDict(), metadata);

    /// <summary>
    /// Loads weights into <paramref name="module"/> from <paramref name="state"/>, converting each stored tensor to the
    /// module's type and device (see <see cref="Module.LoadStateDict"/> for the checks).
    /// </summary>
    public static void LoadStateDict(this Module module, StateDict state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(state);
        using var scope = TensorScope.Enter();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, stored) in state)
        {
            tensors[name] = stored.ToTensor();
        }
        module.LoadStateDict(tensors, strict);
    }

    /// <summary>
    /// Loads weights from a safetensors file or a <c>torch.save</c>d state dict (zip or legacy format; told apart by
    /// content, not by extension).
    /// </summary>
    /// <exception cref="WeightFileException">The file cannot be read as weights.</exception>
    /// <exception cref="ArgumentException">The names or shapes do not fit the module.</exception>
    public static void LoadWeights(this Module module, string path, TorchImportOptions? torchOptions = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var state = WeightFiles.Read(path, torchOptions);
        try
        {
            module.LoadStateDict(state, strict);
        }
        catch (ArgumentException e)
        {
            throw new WeightFileException(path, e.Message, e);
        }
    }

    private static ScalarType ToScalarType(StoredDType dtype) => dtype switch
    {
        StoredDType.Float32 => ScalarType.Float32,
        StoredDType.Float64 => ScalarType.Float64,
        StoredDType.Float16 => ScalarType.Float16,
        StoredDType.BFloat16 => ScalarType.BFloat16,
        StoredDType.Int64 => ScalarType.Int64,
        StoredDType.Int32 => ScalarType.Int32,
        StoredDType.UInt8 => ScalarType.UInt8,
        StoredDType.Bool => ScalarType.Bool,
        _ => throw new NotSupportedException($"{dtype} tensors cannot be loaded into libtorch tensors here"),
    };

    private static StoredDType ToStoredDType(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => StoredDType.Float32,
        ScalarType.Float64 => StoredDType.Float64,
        ScalarType.Float16 => StoredDType.Float16,
        ScalarType.BFloat16 => StoredDType.BFloat16,
        ScalarType.Int64 => StoredDType.Int64,
        ScalarType.Int32 => StoredDType.Int32,
        ScalarType.UInt8 => StoredDType.UInt8,
        ScalarType.Bool => StoredDType.Bool,
        _ => throw new NotSupportedException($"{dtype} tensors cannot be stored"),
    };
}

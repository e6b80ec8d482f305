namespace RootSeg.Torch.Native;

/// <summary>
/// Raw pointers for native calls that take optional tensors or arrays of tensors (which SafeHandle marshalling
/// cannot express), with each handle's reference count held up for the duration so that no handle can be freed
/// during the call.
/// </summary>
internal ref struct HandleLease
{
    private readonly Tensor?[] _tensors;
    private readonly bool[] _added;

    public HandleLease(params Tensor?[] tensors)
    {
        _tensors = tensors;
        _added = new bool[tensors.Length];
        Pointers = new IntPtr[tensors.Length];
        try
        {
            for (var i = 0; i < tensors.Length; i++)
            {
                if (tensors[i] is { } tensor)
                {
                    var handle = tensor.Handle;
                    handle.DangerousAddRef(ref _added[i]);
                    Pointers[i] = handle.DangerousGetHandle();
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The native pointers, IntPtr.Zero where the tensor was null.</summary>
    public IntPtr[] Pointers { get; }

    public IntPtr this[int index] => Pointers[index];

    public readonly void Dispose()
    {
        for (var i = 0; i < _tensors.Length; i++)
        {
            if (_added[i])
            {
                _tensors[i]!.Handle.DangerousRelease();
                _added[i] = false;
            }
        }
    }
}

using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// An n-dimensional array in libtorch (a native <c>at::Tensor</c>), with PyTorch's semantics for every op: results
/// match torch and torch.nn.functional on the same inputs. Each op returns a new tensor that the caller owns and
/// must dispose, unless it was made inside a <see cref="TensorScope"/>, which then disposes it; methods ending in
/// an underscore change the tensor in place and return it. A tensor is not thread-safe.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;
    private long[]? _shape;
    private ScalarType? _dtype;
    private Device? _device;

    private Tensor(TensorHandle handle)
    {
        _handle = handle;
        TensorScope.Register(this);
    }

    /// <summary>Native tensors made and not yet freed in this process (for leak checks in tests).</summary>
    public static long LiveCount => TensorHandle.Live;

    /// <summary>The native handle; throws once the tensor is disposed.</summary>
    internal TensorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal TensorScope? Scope { get; set; }

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool IsDisposed => _handle.IsClosed;

    /// <summary>The size of each dimension (a copy; empty for a zero-dimensional tensor).</summary>
    public long[] Shape => (long[])ShapeView.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => ShapeView.Length;

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public long NumberOfElements
    {
        get
        {
            long count = 1;
            foreach (var size in ShapeView)
            {
                count *= size;
            }
            return count;
        }
    }

    /// <summary>The element type.</summary>
    public ScalarType DType => _dtype ??= (ScalarType)NativeMethods.CheckValue(NativeMethods.rs_tensor_dtype(Handle));

    /// <summary>The device that holds the elements.</summary>
    public Device Device => _device ??= ReadDevice();

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long Size(int dim) => ShapeView[NormalizeDim(dim)];

    // Shapes do not change for the life of a handle (no resizing op is exposed; set_data is used only between
    // tensors of equal shape), so they are read once.
    private long[] ShapeView
    {
        get
        {
            if (_shape is null)
            {
                var ndim = NativeMethods.CheckValue(NativeMethods.rs_tensor_ndim(Handle));
                var shape = new long[ndim];
                NativeMethods.Check(NativeMethods.rs_tensor_shape(Handle, shape, ndim));
                _shape = shape;
            }
            return _shape;
        }
    }

    private Device ReadDevice()
    {
        var type = NativeMethods.CheckValue(NativeMethods.rs_tensor_device_type(Handle));
        // -1 is a valid answer (the CPU), so failure is signalled by -2.
        var index = NativeMethods.rs_tensor_device_index(Handle);
        if (index == -2)
        {
            throw new TorchException(NativeMethods.LastError());
        }
        return type == (int)DeviceType.Cpu ? Device.Cpu : new Device(DeviceType.Cuda, Math.Max(index, 0));
    }

    /// <summary>Maps a possibly negative dimension to [0, Dimensions).</summary>
    internal int NormalizeDim(int dim)
    {
        var n = Dimensions;
        var d = dim < 0 ? dim + n : dim;
        if (d < 0 || d >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dimension out of range for a {n}-dimensional tensor");
        }
        return d;
    }

    /// <summary>Wraps a tensor pointer returned by the shim, throwing the pending error when it is null.</summary>
    internal static Tensor Wrap(IntPtr pointer) =>
        pointer == IntPtr.Zero ? throw new TorchException(NativeMethods.LastError()) : new Tensor(new TensorHandle(pointer));

    /// <summary>Frees the native tensor now (the memory is returned when no other tensor shares it). Idempotent.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        Scope = null;
    }

    /// <summary>Shape, type and device, for example "Tensor[2, 3] Float32 cpu".</summary>
    public override string ToString() =>
        IsDisposed ? "Tensor (disposed)" : $"Tensor[{string.Join(", ", ShapeView)}] {DType} {Device}";
}

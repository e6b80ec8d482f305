using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>
/// Owns one native <c>at::Tensor*</c> made by the shim and frees it exactly once; counts the live handles so tests
/// can assert that nothing leaked.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long s_live;

    /// <summary>Takes ownership of <paramref name="pointer"/>, a non-null tensor pointer returned by the shim.</summary>
    internal TensorHandle(IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Native tensors made and not yet freed in this process.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.rs_tensor_dispose(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }
}

using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>
/// Owns one native <c>at::Generator*</c> made by the shim and frees it exactly once; counts the live handles so
/// tests can assert that nothing leaked.
/// </summary>
internal sealed class GeneratorHandle : SafeHandle
{
    private static long s_live;

    /// <summary>Takes ownership of <paramref name="pointer"/>, a non-null generator pointer returned by the shim.</summary>
    internal GeneratorHandle(IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Native generators made and not yet freed in this process.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.rs_random_generator_dispose(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }
}

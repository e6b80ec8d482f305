using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>
/// The shim's exports, one partial file per native source (rs_core.cpp here). Every export that can fail returns
/// null or -1 and leaves a per-thread message that <see cref="Check(int)"/> turns into a <see cref="TorchException"/>.
/// </summary>
internal static partial class NativeMethods
{
    static NativeMethods()
    {
        NativeLibraryLoader.Install();
        Engine.ApplyDefaults();
    }

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_last_error();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_torch_version();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_set_num_threads(int threads);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_get_num_threads();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_show_config();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_parallel_info();

    /// <summary>The message of the last failed call on this thread.</summary>
    internal static string LastError()
    {
        var message = Marshal.PtrToStringUTF8(rs_last_error());
        return string.IsNullOrEmpty(message) ? "native call failed without a message" : message;
    }

    /// <summary>Throws the pending native error when <paramref name="status"/> is negative.</summary>
    internal static void Check(int status)
    {
        if (status < 0)
        {
            throw new TorchException(LastError());
        }
    }

    /// <summary>Returns <paramref name="value"/> unless it is negative (the failure marker of counting exports).</summary>
    internal static int CheckValue(int value)
    {
        Check(value);
        return value;
    }

    /// <summary>Reads a string returned by the shim (copied at once: the shim reuses its buffer).</summary>
    internal static string CheckString(IntPtr text) =>
        text == IntPtr.Zero ? throw new TorchException(LastError()) : Marshal.PtrToStringUTF8(text) ?? "";
}

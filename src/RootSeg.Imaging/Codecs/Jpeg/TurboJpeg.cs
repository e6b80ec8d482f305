using System.Runtime.InteropServices;

namespace RootSeg.Imaging.Codecs.Jpeg;

/// <summary>
/// The parts of libjpeg-turbo's TurboJPEG 2.1 API (libturbojpeg.so.0) that RootSeg calls. TurboJPEG reports errors
/// by return value and per-handle message (it recovers from libjpeg's errors with setjmp inside the C library), so
/// no native error ever unwinds through managed frames.
/// </summary>
internal static partial class TurboJpeg
{
    private const string Library = "libturbojpeg.so.0";

    // Sizes are C's unsigned long: 64 bits on LP64 Linux, hence nuint.

    public const int PixelFormatRgb = 0;
    public const int PixelFormatGrey = 6;
    public const int Subsampling444 = 0;
    public const int SubsamplingGrey = 3;
    public const int ColourspaceGrey = 2;
    public const int ColourspaceCmyk = 3;
    public const int ColourspaceYcck = 4;
    public const int FlagAccurateDct = 4096;

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial IntPtr InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    public static partial IntPtr InitCompress();

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader3(
        IntPtr handle, byte* jpegBuf, nuint jpegSize, out int width, out int height, out int subsampling, out int colourspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress2(
        IntPtr handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    public static unsafe partial int Compress2(
        IntPtr handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat,
        ref byte* jpegBuf, ref nuint jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    public static unsafe partial void Free(byte* buffer);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    public static partial IntPtr GetErrorStr2(IntPtr handle);

    /// <summary>The last error message of <paramref name="handle"/>.</summary>
    public static string LastError(IntPtr handle) =>
        Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RootSeg.Imaging.Codecs.Tiff;

/// <summary>
/// The parts of libtiff 4 (libtiff.so.6) that RootSeg calls. libtiff reports errors by return value and through a
/// process-wide error handler; RootSeg installs one that keeps the calling thread's last message for the exception
/// (libtiff calls it on the thread that made the failing call) and silences warnings.
/// </summary>
/// <remarks>
/// <c>TIFFGetField</c> is variadic. It is declared here with fixed pointer arguments, which matches the variadic
/// calling convention on SysV x86-64 and on Linux AArch64 for pointer and integer arguments (the callee's va_arg
/// reads them from the same registers; on x86-64 the AL register only tells it whether to spill vector registers).
/// Only tags whose values are returned through one pointer are read this way.
/// </remarks>
internal static unsafe partial class LibTiff
{
    private const string Library = "libtiff.so.6";

    public const uint TagImageWidth = 256;
    public const uint TagImageLength = 257;
    public const uint TagBitsPerSample = 258;
    public const uint TagPhotometric = 262;
    public const uint TagOrientation = 274;
    public const uint TagSamplesPerPixel = 277;
    public const uint TagRowsPerStrip = 278;
    public const uint TagPlanarConfig = 284;
    public const uint TagTileWidth = 322;
    public const uint TagTileLength = 323;
    public const uint TagSampleFormat = 339;

    public const int PhotometricMinIsWhite = 0;
    public const int PhotometricMinIsBlack = 1;
    public const int PhotometricRgb = 2;
    public const int PlanarContiguous = 1;
    public const int SampleFormatUnsigned = 1;
    public const int OrientationTopLeft = 1;

    [ThreadStatic]
    private static string? t_lastError;

    static LibTiff()
    {
        SetErrorHandler(&OnError);
        SetWarningHandler(null);
    }

    /// <summary>Installs the handlers; call before the first libtiff call.</summary>
    public static void EnsureHandlers() => RuntimeHelpers.RunClassConstructor(typeof(LibTiff).TypeHandle);

    /// <summary>Takes (and clears) this thread's last libtiff error message.</summary>
    public static string TakeLastError()
    {
        var message = t_lastError ?? "no message from libtiff";
        t_lastError = null;
        return message;
    }

    [LibraryImport(Library, EntryPoint = "TIFFOpen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Open(string path, string mode);

    [LibraryImport(Library, EntryPoint = "TIFFClose")]
    public static partial void Close(IntPtr tiff);

    [LibraryImport(Library, EntryPoint = "TIFFGetField")]
    public static partial int GetField(IntPtr tiff, uint tag, uint* value);

    [LibraryImport(Library, EntryPoint = "TIFFGetField")]
    public static partial int GetField(IntPtr tiff, uint tag, ushort* value);

    [LibraryImport(Library, EntryPoint = "TIFFIsTiled")]
    public static partial int IsTiled(IntPtr tiff);

    [LibraryImport(Library, EntryPoint = "TIFFStripSize")]
    public static partial nint StripSize(IntPtr tiff);

    [LibraryImport(Library, EntryPoint = "TIFFTileSize")]
    public static partial nint TileSize(IntPtr tiff);

    [LibraryImport(Library, EntryPoint = "TIFFNumberOfStrips")]
    public static partial uint NumberOfStrips(IntPtr tiff);

    [LibraryImport(Library, EntryPoint = "TIFFComputeTile")]
    public static partial uint ComputeTile(IntPtr tiff, uint x, uint y, uint z, ushort sample);

    [LibraryImport(Library, EntryPoint = "TIFFReadEncodedStrip")]
    public static partial nint ReadEncodedStrip(IntPtr tiff, uint strip, void* buffer, nint size);

    [LibraryImport(Library, EntryPoint = "TIFFReadEncodedTile")]
    public static partial nint ReadEncodedTile(IntPtr tiff, uint tile, void* buffer, nint size);

    [LibraryImport(Library, EntryPoint = "TIFFRGBAImageOK")]
    public static partial int RgbaImageOk(IntPtr tiff, byte* message);

    [LibraryImport(Library, EntryPoint = "TIFFReadRGBAImageOriented")]
    public static partial int ReadRgbaImageOriented(IntPtr tiff, uint width, uint height, uint* raster, int orientation, int stopOnError);

    [LibraryImport(Library, EntryPoint = "TIFFSetErrorHandler")]
    private static partial IntPtr SetErrorHandler(delegate* unmanaged[Cdecl]<byte*, byte*, IntPtr, void> handler);

    [LibraryImport(Library, EntryPoint = "TIFFSetWarningHandler")]
    private static partial IntPtr SetWarningHandler(delegate* unmanaged[Cdecl]<byte*, byte*, IntPtr, void> handler);

    [LibraryImport("libc.so.6", EntryPoint = "vsnprintf")]
    private static partial int VsnPrintf(byte* buffer, nuint size, byte* format, IntPtr arguments);

    /// <summary>
    /// libtiff's error handler. The va_list arrives as a pointer on both x86-64 (an array type) and AArch64 (a large
    /// struct passed by reference), so handing it on to vsnprintf unchanged is correct there.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(byte* module, byte* format, IntPtr arguments)
    {
        try
        {
            const int size = 512;
            var buffer = stackalloc byte[size];
            var length = VsnPrintf(buffer, size, format, arguments);
            var text = Marshal.PtrToStringUTF8((IntPtr)buffer, Math.Clamp(length, 0, size - 1));
            t_lastError = module == null ? text : $"{Marshal.PtrToStringUTF8((IntPtr)module)}: {text}";
        }
        catch (Exception e)
        {
            // An exception must never leave an unmanaged callback; keep what can be said instead.
            t_lastError = $"libtiff error (message unavailable: {e.GetType().Name})";
        }
    }
}

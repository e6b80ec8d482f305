using System.Runtime.InteropServices;

namespace RootSeg.Imaging.Codecs.Png;

/// <summary>
/// libpng 1.6's simplified API (libpng16.so.16). Its functions catch libpng's errors with setjmp inside the C
/// library and report them in <see cref="PngImage.Message"/>, so no longjmp ever crosses managed frames; that is
/// why RootSeg uses only this API, including for 1-bit output (see <see cref="PngCodec"/>).
/// </summary>
internal static partial class LibPng
{
    private const string Library = "libpng16.so.16";

    public const uint ImageVersion = 1;
    public const uint FormatFlagAlpha = 0x01;
    public const uint FormatFlagColour = 0x02;
    public const uint FormatFlagLinear = 0x04;
    public const uint FormatFlagColourMap = 0x08;

    [LibraryImport(Library, EntryPoint = "png_image_begin_read_from_memory")]
    public static unsafe partial int BeginReadFromMemory(PngImage* image, byte* memory, nuint size);

    [LibraryImport(Library, EntryPoint = "png_image_finish_read")]
    public static unsafe partial int FinishRead(PngImage* image, void* background, void* buffer, int rowStride, void* colourMap);

    [LibraryImport(Library, EntryPoint = "png_image_write_to_file", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int WriteToFile(
        PngImage* image, string file, int convertTo8Bit, void* buffer, int rowStride, void* colourMap);

    [LibraryImport(Library, EntryPoint = "png_image_free")]
    public static unsafe partial void Free(PngImage* image);
}

/// <summary>
/// libpng's <c>png_image</c>, field for field as declared in png.h 1.6 (pointer, seven 32-bit fields, 64 chars).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PngImage
{
    public IntPtr Opaque;
    public uint Version;
    public uint Width;
    public uint Height;
    public uint Format;
    public uint Flags;
    public uint ColourMapEntries;
    public uint WarningOrError;
    public fixed byte Message[64];

    /// <summary>libpng's message for the last failure.</summary>
    public readonly string ErrorMessage
    {
        get
        {
            fixed (byte* text = Message)
            {
                var length = new ReadOnlySpan<byte>(text, 64).IndexOf((byte)0);
                return System.Text.Encoding.UTF8.GetString(text, length < 0 ? 64 : length);
            }
        }
    }
}

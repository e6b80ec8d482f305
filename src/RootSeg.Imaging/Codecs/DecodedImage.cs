using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs;

/// <summary>
/// An image as decoded from a file, at the file's own sample depth: 8-bit samples in <see cref="Samples8"/>
/// (files of 1 to 8 bits per sample, expanded to 0..255) or 16-bit samples in <see cref="Samples16"/>.
/// Channels are 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA), interleaved.
/// </summary>
/// <remarks>The decoded image owns its raster and returns it to the pool on <see cref="Dispose"/>.</remarks>
public sealed class DecodedImage : IDisposable
{
    private Raster<byte>? _samples8;
    private Raster<ushort>? _samples16;

    internal DecodedImage(ImageFormat format, int bitDepth, Raster<byte> samples)
    {
        Format = format;
        BitDepth = bitDepth;
        _samples8 = samples;
        Width = samples.Width;
        Height = samples.Height;
        Channels = samples.Channels;
    }

    internal DecodedImage(ImageFormat format, Raster<ushort> samples)
    {
        Format = format;
        BitDepth = 16;
        _samples16 = samples;
        Width = samples.Width;
        Height = samples.Height;
        Channels = samples.Channels;
    }

    /// <summary>The file's container format.</summary>
    public ImageFormat Format { get; }

    /// <summary>Bits per sample in the file: 1, 2, 4, 8 or 16 (a palette image reports its index depth).</summary>
    public int BitDepth { get; }

    /// <summary>True when the samples are 16-bit (<see cref="Samples16"/>), false when 8-bit (<see cref="Samples8"/>).</summary>
    public bool Is16Bit => BitDepth == 16;

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Interleaved channels: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>True for 2 and 4 channels.</summary>
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>The 8-bit samples; owned by this image.</summary>
    /// <exception cref="InvalidOperationException">The image is 16-bit.</exception>
    public Raster<byte> Samples8 =>
        _samples8 ?? throw new InvalidOperationException(_samples16 is null ? "the image was disposed" : "the image is 16-bit: use Samples16");

    /// <summary>The 16-bit samples; owned by this image.</summary>
    /// <exception cref="InvalidOperationException">The image is 8-bit.</exception>
    public Raster<ushort> Samples16 =>
        _samples16 ?? throw new InvalidOperationException(_samples8 is null ? "the image was disposed" : "the image is 8-bit: use Samples8");

    /// <summary>Hands the 8-bit raster to the caller, who then owns it; this image no longer does.</summary>
    internal Raster<byte> DetachSamples8()
    {
        var samples = Samples8;
        _samples8 = null;
        return samples;
    }

    /// <summary>Returns the samples' buffer to the pool.</summary>
    public void Dispose()
    {
        _samples8?.Dispose();
        _samples16?.Dispose();
        _samples8 = null;
        _samples16 = null;
    }
}

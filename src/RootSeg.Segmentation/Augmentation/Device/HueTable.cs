using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// torchvision's PIL hue adjustment with a zero shift (every |hue| below 1/255, so always with the paper's 0.001) as
/// one lookup: the lossy round trip through Pillow's 8-bit HSV maps each of the 2^24 RGB colours to one colour, so
/// the table is made once on the host with <see cref="PilColor"/> itself and applied on the device by a gather,
/// instead of some 130 elementwise tensor ops per tile.
/// </summary>
internal sealed class HueTable : IDisposable
{
    private const int Colours = 1 << 24;

    // The host table is a constant of Pillow's arithmetic, made at most once per process and shared.
    private static readonly Lazy<byte[]> s_host = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Tensor _table;

    /// <summary>Copies the table (48 MiB, made on first use) to <paramref name="device"/>.</summary>
    public HueTable(TorchDevice device)
    {
        // The table lives as long as this object, whatever scope it was made in.
        _table = TensorScope.Detach(DeviceUpload.From<byte>(s_host.Value, [Colours, 3], device));
    }

    /// <summary>The round trip applied to one tile, (3, H, W) float32 whole numbers in [0, 255]; a new tile.</summary>
    public Tensor Apply(Tensor tile)
    {
        using var scope = TensorScope.Enter();
        var shape = tile.Shape;
        var index = (tile.Select(0, 0) * 65536.0 + tile.Select(0, 1) * 256.0 + tile.Select(0, 2)).To(ScalarType.Int64);
        var colours = _table.IndexSelect(0, index.Reshape(-1));
        return scope.Keep(colours.Transpose(0, 1).To(ScalarType.Float32).Reshape(shape).Contiguous());
    }

    /// <summary>Frees the device copy.</summary>
    public void Dispose() => _table.Dispose();

    private static byte[] Build()
    {
        var table = new byte[Colours * 3];
        Parallel.For(0, 256, r =>
        {
            for (var g = 0; g < 256; g++)
            {
                for (var b = 0; b < 256; b++)
                {
                    var (h, s, v) = PilColor.RgbToHsv((byte)r, (byte)g, (byte)b);
                    var (r2, g2, b2) = PilColor.HsvToRgb(h, s, v);
                    var i = ((r << 16) | (g << 8) | b) * 3;
                    table[i] = r2;
                    table[i + 1] = g2;
                    table[i + 2] = b2;
                }
            }
        });
        return table;
    }
}

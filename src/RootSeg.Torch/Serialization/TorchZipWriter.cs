using System.Globalization;
using System.IO.Compression;
using RootSeg.Torch.Serialization.Pickle;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// Writes a state dict in the zip format of <c>torch.save</c> (PyTorch 1.6 and later), so that Python's
/// <c>torch.load</c> returns an <c>OrderedDict</c> of tensors that <c>load_state_dict</c> accepts: RootSeg's trained
/// U-Net (Smith et al. 2020, Plant Methods 16:13, doi:10.1186/s13007-020-00563-0) can go back to PyTorch tools.
/// </summary>
/// <remarks>
/// Layout: <c>archive/data.pkl</c> (a protocol-2 pickle calling <c>torch._utils._rebuild_tensor_v2</c> for each
/// tensor, with persistent ids <c>('storage', torch.&lt;Type&gt;Storage, key, 'cpu', numel)</c>), one uncompressed
/// <c>archive/data/&lt;key&gt;</c> record per tensor, <c>archive/version</c> and <c>archive/byteorder</c>. The pickle
/// names only globals that <see cref="TorchPickleReader"/> allows, so RootSeg reads its own files back.
/// </remarks>
public static class TorchZipWriter
{
    private const string Folder = "archive/";

    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/> (temporary file, then moved into place).</summary>
    /// <param name="path">Target file; its folder must exist.</param>
    /// <param name="tensors">Tensors in the order the loaded OrderedDict will have.</param>
    /// <exception cref="WeightFileException">The file cannot be written.</exception>
    public static void Write(string path, StateDict tensors)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var pickle = BuildPickle(tensors);
        AtomicFile.Write(path, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            AddRecord(archive, "data.pkl", pickle);
            var key = 0;
            foreach (var tensor in tensors.Values)
            {
                AddRecord(archive, $"data/{key++}", tensor.Data);
            }
            AddRecord(archive, "version", "3\n"u8);
            AddRecord(archive, "byteorder", "little"u8);
        });
    }

    /// <summary>
    /// OrderedDict() filled by one SETITEMS of name, _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())
    /// pairs; the strides are the C-order strides of the contiguous data.
    /// </summary>
    private static byte[] BuildPickle(StateDict tensors)
    {
        var writer = new PickleWriter().NewOrderedDict().Mark();
        var key = 0;
        foreach (var (name, tensor) in tensors)
        {
            var shape = tensor.ShapeArray();
            var strides = new long[shape.Length];
            long step = 1;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                strides[d] = step;
                step *= Math.Max(shape[d], 1);
            }
            writer.String(name).Global("torch._utils", "_rebuild_tensor_v2").Mark()
                .Mark().String("storage").Global("torch", tensor.DType.TorchStorageName()).String((key++).ToString(CultureInfo.InvariantCulture))
                .String("cpu").Integer(tensor.ElementCount).Op(PickleOpcodes.Tuple).Op(PickleOpcodes.BinPersId)
                .Integer(0).IntegerTuple(shape).IntegerTuple(strides).Op(PickleOpcodes.NewFalse).NewOrderedDict()
                .Op(PickleOpcodes.Tuple).Op(PickleOpcodes.Reduce);
        }
        return writer.Op(PickleOpcodes.SetItems).Op(PickleOpcodes.Stop).ToArray();
    }

    private static void AddRecord(ZipArchive archive, string name, ReadOnlySpan<byte> bytes)
    {
        using var record = archive.CreateEntry(Folder + name, CompressionLevel.NoCompression).Open();
        record.Write(bytes);
    }
}

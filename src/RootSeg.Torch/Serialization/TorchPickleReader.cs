using RootSeg.Torch.Serialization.Pickle;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// Imports a PyTorch state dict saved with <c>torch.save</c>, in the zip format (PyTorch 1.6 and later) or the legacy
/// format before it, such as the checkpoint of the U-Net of Smith et al. 2020, "Segmentation of roots in soil with
/// U-Net", Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0) and the models of RootPainter (Smith et al. 2022,
/// New Phytologist 236:774, doi:10.1111/nph.18387).
/// </summary>
/// <remarks>
/// The pickle inside is read by a small interpreter that only builds data: globals outside an allow-list (OrderedDict,
/// torch's tensor-rebuild functions and storage types, torch.device, set, bytes) are refused, so a hostile file cannot
/// run code. Tensor views (offsets, non-contiguous strides, storages shared by several tensors) come out as contiguous
/// copies; autograd flags are dropped.
/// </remarks>
public static class TorchPickleReader
{
    /// <summary>Reads the state dict in the checkpoint at <paramref name="path"/>.</summary>
    /// <param name="path">A file written by <c>torch.save</c>.</param>
    /// <param name="options">Where the state dict sits and how to rename it; null means <see cref="TorchImportOptions.Default"/>.</param>
    /// <returns>The tensors in the order the state dict holds them.</returns>
    /// <exception cref="WeightFileException">
    /// The file is missing, is not a torch.save file, is truncated or malformed, names a disallowed global, holds a
    /// whole pickled model, or does not contain the state dict asked for.
    /// </exception>
    public static StateDict Read(string path, TorchImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TorchImportOptions.Default;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> head = stackalloc byte[4];
            var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            if (got >= 4 && head.SequenceEqual("PK\x03\x04"u8))
            {
                return TorchZipLoader.Load(stream, root => StateDictLocator.Locate(root, options));
            }
            if (got >= 2 && head[0] == 0x80)
            {
                if (stream.Length > Array.MaxLength)
                {
                    throw new InvalidDataException($"legacy-format file of {stream.Length} bytes is too large");
                }
                var data = new byte[stream.Length];
                stream.ReadExactly(data);
                return StateDictLocator.Locate(TorchLegacyLoader.Load(data), options);
            }
            throw new InvalidDataException("is neither a zip archive nor a legacy pickle, so not a torch.save file");
        }
        catch (InvalidDataException e)
        {
            throw new WeightFileException(path, e.Message, e);
        }
        catch (OverflowException e)
        {
            throw new WeightFileException(path, "holds sizes or offsets too large to address", e);
        }
        catch (IOException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WeightFileException(path, $"cannot be read: {e.Message}", e);
        }
    }
}

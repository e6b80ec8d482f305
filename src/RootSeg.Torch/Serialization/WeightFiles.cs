namespace RootSeg.Torch.Serialization;

/// <summary>
/// Reads the state dict of a weight file in whichever format it is: safetensors (<see cref="SafetensorsFile"/>) or a
/// <c>torch.save</c> file in the zip or legacy format (<see cref="TorchPickleReader"/>), told apart by their first
/// bytes, not by file name: the paper's checkpoint and RootPainter's models end in <c>.pkl</c>.
/// </summary>
public static class WeightFiles
{
    /// <summary>Reads the tensors of <paramref name="path"/>.</summary>
    /// <param name="path">A safetensors file or a torch.save file.</param>
    /// <param name="torchOptions">Where the state dict sits in a torch.save checkpoint; ignored for safetensors.</param>
    /// <exception cref="WeightFileException">The file is missing, in neither format, or broken.</exception>
    public static StateDict Read(string path, TorchImportOptions? torchOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IsSafetensors(path) ? SafetensorsFile.Read(path).Tensors : TorchPickleReader.Read(path, torchOptions);
    }

    /// <summary>
    /// A safetensors file has its JSON header's '{' at byte 8; a torch.save file never does (zip local headers hold
    /// a compression method there, legacy files the magic number's bytes).
    /// </summary>
    private static bool IsSafetensors(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> head = stackalloc byte[9];
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head[8] == (byte)'{';
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

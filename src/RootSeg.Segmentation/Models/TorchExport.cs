using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Models;

/// <summary>
/// Exports a model's weights as a PyTorch state dict (<c>torch.save</c>'s zip format, <see cref="TorchZipWriter"/>),
/// so that <c>torch.load</c> followed by <c>load_state_dict</c> puts RootSeg's trained U-Net (Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0) into PyTorch tools. The tensor names and order are the model file's; the
/// description (network, width, groups, tiles) stays in the model's JSON file, which has no place in a state dict.
/// </summary>
public static class TorchExport
{
    /// <summary>Writes the weights of <paramref name="modelPath"/> to <paramref name="ptPath"/> (atomically).</summary>
    /// <param name="modelPath">A safetensors model file, or a torch.save file.</param>
    /// <param name="ptPath">The state dict to write; its folder must exist.</param>
    /// <returns>The number of tensors written.</returns>
    /// <exception cref="WeightFileException">The model cannot be read or the file cannot be written.</exception>
    public static int Write(string modelPath, string ptPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(ptPath);
        var tensors = WeightFiles.Read(modelPath);
        TorchZipWriter.Write(ptPath, tensors);
        return tensors.Count;
    }
}

using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Inference;

/// <summary>
/// A segmentation network as the <see cref="Segmenter"/> sees it: a module that maps a batch (N, 3, s, s) of
/// normalised tiles to logits (N, 2, s - <see cref="Shrink"/>, s - <see cref="Shrink"/>) of the tile's centre (valid
/// convolutions, as in the U-Net of Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28), and the input sizes it
/// accepts.
/// </summary>
/// <param name="Network">The module, in evaluation mode; not owned (the caller disposes it).</param>
/// <param name="Shrink">Input side minus output side, even and at least 0 (184 for UNetGN).</param>
/// <param name="NativeTile">The input side the network was trained with (572 in the paper).</param>
/// <param name="IsValidTile">Whether an input side passes through the network.</param>
/// <param name="Device">Where the network's parameters live; input batches are moved there.</param>
public sealed record InferenceNetwork(Module Network, int Shrink, int NativeTile, Func<int, bool> IsValidTile, Device Device)
{
    /// <summary>
    /// The network of a loaded model: a <see cref="UNetGN"/> or <see cref="UNetSame"/> accepts every size its
    /// IsValidInputSize allows; another network only sizes whose output stays positive, with the shrink its
    /// description states.
    /// </summary>
    /// <param name="model">The loaded model; not owned.</param>
    /// <param name="device">Where the model's tensors live (CPU when null).</param>
    /// <exception cref="ArgumentException">The description's tiles do not shrink by an even amount.</exception>
    public static InferenceNetwork FromModel(LoadedModel model, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var description = model.Description;
        var shrink = description.InputTile - description.OutputTile;
        if (shrink < 0 || shrink % 2 != 0)
        {
            throw new ArgumentException(
                $"{model.Path}: input tile {description.InputTile} and output tile {description.OutputTile} do not " +
                "differ by an even, non-negative amount", nameof(model));
        }
        Func<int, bool> valid = model.Network switch
        {
            UNetGN => UNetGN.IsValidInputSize,
            UNetSame same => same.IsValidInputSize,
            _ => s => s > shrink,
        };
        return new InferenceNetwork(model.Network, shrink, description.InputTile, valid, device ?? Device.Cpu);
    }
}

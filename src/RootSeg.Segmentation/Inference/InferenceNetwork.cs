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
    /// The network of a loaded model: a <see cref="UNetGN"/>, <see cref="UNetSame"/> or <see cref="ResNetUNet"/>
    /// accepts every size its IsValidInputSize allows; another network only sizes whose output stays positive, with the shrink its
    /// description states.
    /// </summary>
    /// <param name="model">The loaded model; not owned.</param>
    /// <param name="device">Where the model's tensors live (CPU when null).</param>
    /// <exception cref="ArgumentException">The description's tiles do not shrink by an even amount.</exception>
    public static InferenceNetwork FromModel(LoadedModel model, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return For(model.Network, model.Description, device, model.Path);
    }

    /// <summary>
    /// A network and its description, as <see cref="FromModel"/> takes them from a loaded model (for a network being
    /// trained, say).
    /// </summary>
    /// <param name="network">The module, in evaluation mode; not owned.</param>
    /// <param name="description">Its tiles.</param>
    /// <param name="device">Where the network's tensors live (CPU when null).</param>
    /// <param name="origin">Named in the error message.</param>
    /// <exception cref="ArgumentException">The description's tiles do not shrink by an even amount.</exception>
    public static InferenceNetwork For(Module network, ModelDescription description, Device? device = null, string origin = "network")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(description);
        var shrink = description.InputTile - description.OutputTile;
        if (shrink < 0 || shrink % 2 != 0)
        {
            throw new ArgumentException(
                $"{origin}: input tile {description.InputTile} and output tile {description.OutputTile} do not " +
                "differ by an even, non-negative amount", nameof(description));
        }
        Func<int, bool> valid = network switch
        {
            UNetGN => UNetGN.IsValidInputSize,
            UNetSame same => same.IsValidInputSize,
            ResNetUNet resnet => resnet.IsValidInputSize,
            _ => s => s > shrink,
        };
        return new InferenceNetwork(network, shrink, description.InputTile, valid, device ?? Device.Cpu);
    }
}

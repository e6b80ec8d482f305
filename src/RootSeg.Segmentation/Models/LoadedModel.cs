using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Models;

/// <summary>A network with its weights loaded, and the description that says how to feed it.</summary>
/// <param name="Network">The network, in evaluation mode; owned by this object and disposed with it.</param>
/// <param name="Description">What the network is, how its tiles are sized and normalised, where it came from.</param>
/// <param name="Path">The file it was loaded from.</param>
public sealed record LoadedModel(Module Network, ModelDescription Description, string Path) : IDisposable
{
    /// <summary>Disposes the network's tensors.</summary>
    public void Dispose() => Network.Dispose();
}

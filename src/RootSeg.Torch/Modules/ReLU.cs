namespace RootSeg.Torch.Modules;

/// <summary>
/// max(0, x) as a layer (torch.nn.ReLU); no parameters. With <c>inPlace</c> (nn.ReLU(inplace=True)) it overwrites
/// its input and returns a new handle on it, which saves an activation-sized tensor per layer; use it only where the
/// input is an intermediate result that nothing else reads, such as a convolution's output.
/// </summary>
public sealed class ReLU(bool inPlace = false) : Module
{
    /// <summary>True when the layer overwrites its input.</summary>
    public bool InPlace { get; } = inPlace;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => InPlace ? Functional.ReluInPlace(input) : Functional.Relu(input);
}

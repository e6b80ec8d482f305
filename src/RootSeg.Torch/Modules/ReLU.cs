namespace RootSeg.Torch.Modules;

/// <summary>max(0, x) as a layer (torch.nn.ReLU); no parameters.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}

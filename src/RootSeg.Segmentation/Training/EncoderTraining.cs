using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// How a network with a pretrained encoder (<see cref="ResNetUNet"/>) is fine-tuned, after Yosinski et al. 2014
/// (arXiv:1411.1792): the encoder learns at a fraction of the decoder's rate, its batch-norm statistics may stay
/// those it was trained with, and its first parts may stay frozen altogether. For other networks every parameter
/// trains at the full rate.
/// </summary>
internal static class EncoderTraining
{
    /// <summary>The parameters the optimiser updates (frozen ones left out) and each one's learning-rate scale.</summary>
    public static (List<Tensor> Parameters, List<double> Scales) Trainable(Module network, TrainingOptions options)
    {
        var frozen = FrozenParameters(network, options);
        var encoder = network is ResNetUNet resnet
            ? new HashSet<Tensor>(resnet.Encoder.Parameters(), ReferenceEqualityComparer.Instance)
            : [];
        var parameters = network.Parameters().Where(p => !frozen.Contains(p)).ToList();
        var scales = parameters.Select(p => encoder.Contains(p) ? options.EncoderLearningRateScale : 1.0).ToList();
        return (parameters, scales);
    }

    /// <summary>Stops gradients to the frozen parts' parameters (once, before training).</summary>
    public static void Freeze(Module network, TrainingOptions options)
    {
        foreach (var parameter in FrozenParameters(network, options))
        {
            parameter.RequiresGrad = false;
        }
    }

    /// <summary>
    /// Training mode for the whole network, except the encoder's batch norms when their statistics are frozen and the
    /// frozen parts, which stay in evaluation mode.
    /// </summary>
    public static void EnterTraining(Module network, TrainingOptions options)
    {
        network.Train();
        if (network is not ResNetUNet resnet)
        {
            return;
        }
        if (options.FreezeEncoderNorm)
        {
            foreach (var norm in resnet.Encoder.Modules().OfType<BatchNorm2d>())
            {
                norm.Eval();
            }
        }
        foreach (var part in FrozenParts(resnet, options))
        {
            part.Eval();
        }
    }

    private static HashSet<Tensor> FrozenParameters(Module network, TrainingOptions options) =>
        network is ResNetUNet resnet
            ? new HashSet<Tensor>(FrozenParts(resnet, options).SelectMany(m => m.Parameters()), ReferenceEqualityComparer.Instance)
            : new HashSet<Tensor>(ReferenceEqualityComparer.Instance);

    // The stem is conv1 and bn1 together; then the four stages.
    private static IEnumerable<Module> FrozenParts(ResNetUNet network, TrainingOptions options)
    {
        var stages = network.Encoder.Stages;
        if (options.FrozenEncoderStages >= 1)
        {
            yield return stages[0];
            yield return stages[1];
        }
        for (var stage = 1; stage < options.FrozenEncoderStages; stage++)
        {
            yield return stages[stage + 1];
        }
    }
}

using RootSeg.Torch;
using RootSeg.Torch.Optim;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// The optimiser and learning-rate schedule of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) built from
/// <see cref="TrainingOptions"/>: SGD (Nesterov momentum, weight decay) and a step schedule that the trainer steps
/// once at the end of every epoch, so epochs 1 to N use the initial rate and epoch N + 1 the first reduced one.
/// </summary>
internal static class OptimizerSetup
{
    public static (Sgd Optimizer, StepLr Scheduler) Create(TrainingOptions options, IEnumerable<Tensor> parameters)
    {
        var optimizer = new Sgd(parameters, options.LearningRate, options.Momentum, 0, options.WeightDecay,
            options.Nesterov);
        return (optimizer, new StepLr(optimizer, options.LearningRateStepEpochs, options.LearningRateGamma));
    }
}

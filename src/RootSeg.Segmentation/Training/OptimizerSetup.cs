using RootSeg.Torch;
using RootSeg.Torch.Optim;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// The optimiser and learning-rate schedule built from <see cref="TrainingOptions"/>. The paper's (Smith et al.
/// 2020, doi:10.1186/s13007-020-00563-0): SGD (Nesterov momentum, weight decay) and a step schedule that the trainer
/// steps once at the end of every epoch, so epochs 1 to N use the initial rate and epoch N + 1 the first reduced one.
/// AdamW (arXiv:1711.05101) with PyTorch's default betas and eps otherwise. A pretrained encoder's parameters may
/// learn at a fraction of the rate, and frozen ones are left out (<see cref="EncoderTraining"/>). The decaying schedules set the rate before
/// every step instead (<see cref="LearningRateSchedule"/>); for them the step scheduler is null.
/// </summary>
internal static class OptimizerSetup
{
    public static (Optimizer Optimizer, StepLr? Scheduler) Create(TrainingOptions options, IEnumerable<Tensor> parameters,
        IReadOnlyList<double>? learningRateScales = null)
    {
        Optimizer optimizer = options.Optimizer switch
        {
            OptimizerNames.AdamW => new Adam(parameters, options.LearningRate, weightDecay: options.WeightDecay,
                decoupledWeightDecay: true),
            _ => new Sgd(parameters, options.LearningRate, options.Momentum, 0, options.WeightDecay, options.Nesterov),
        };
        if (learningRateScales is not null)
        {
            optimizer.SetLearningRateScales(learningRateScales);
        }
        var scheduler = options.Schedule == ScheduleNames.Step
            ? new StepLr(optimizer, options.LearningRateStepEpochs, options.LearningRateGamma)
            : null;
        return (optimizer, scheduler);
    }
}

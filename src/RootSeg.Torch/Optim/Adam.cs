using RootSeg.Torch.Native;

namespace RootSeg.Torch.Optim;

/// <summary>
/// Adam (Kingma and Ba 2015, arXiv:1412.6980, Algorithm 1) with torch.optim.Adam's semantics exactly (PyTorch
/// 1.13's single-tensor update, amsgrad off): L2 weight decay added to the gradient, bias corrections computed in
/// double precision from the float32 step count. State per parameter: "step" (float32 scalar), "exp_avg",
/// "exp_avg_sq". With <c>decoupledWeightDecay</c> it is torch.optim.AdamW (Loshchilov and Hutter 2019,
/// arXiv:1711.05101): the parameter shrinks by lr x weight decay before each update instead of the decay being added
/// to the gradient.
/// </summary>
public sealed class Adam : Optimizer
{
    private const string StepName = "step";
    private const string ExpAvg = "exp_avg";
    private const string ExpAvgSq = "exp_avg_sq";

    /// <summary>Creates the optimiser.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A beta is outside [0, 1), eps or weight decay negative.</exception>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool decoupledWeightDecay = false)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "must be in [0, 1)");
        }
        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "must be in [0, 1)");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        (Beta1, Beta2, Eps, WeightDecay, DecoupledWeightDecay) = (beta1, beta2, eps, weightDecay, decoupledWeightDecay);
    }

    /// <summary>Whether the weight decay is AdamW's (decoupled from the gradient).</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>Decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateNames { get; } = [StepName, ExpAvg, ExpAvgSq];

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter)
    {
        var step = GetState(index, StepName) ?? SetState(index, StepName, Tensor.Zeros([], ScalarType.Float32, parameter.Device));
        var m = GetState(index, ExpAvg) ?? SetState(index, ExpAvg, Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
        var v = GetState(index, ExpAvgSq) ?? SetState(index, ExpAvgSq, Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
        NativeMethods.Check(NativeMethods.rs_optim_adam_step_(parameter.Handle, step.Handle, m.Handle, v.Handle,
            LearningRateOf(index), Beta1, Beta2, Eps, WeightDecay, DecoupledWeightDecay ? 1 : 0, 0));
    }

    /// <inheritdoc/>
    protected override void CheckStateShape(string key, string name, Tensor value, Tensor parameter)
    {
        if (name == StepName)
        {
            if (value.NumberOfElements != 1)
            {
                throw new ArgumentException($"state '{key}' must hold one step count, not {value.NumberOfElements} values", "state");
            }
            return;
        }
        base.CheckStateShape(key, name, value, parameter);
    }
}

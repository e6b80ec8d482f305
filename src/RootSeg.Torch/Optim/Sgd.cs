using RootSeg.Torch.Native;

namespace RootSeg.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, Nesterov momentum and weight decay, with torch.optim.SGD's semantics
/// exactly (PyTorch 1.13's update, op for op): d = g + wd * p; b = d on the first step, else b = m * b + (1 - dampening) * d;
/// d = d + m * b with Nesterov, else d = b; p -= lr * d. Nesterov momentum after Sutskever et al. 2013, "On the
/// importance of initialization and momentum in deep learning" (PMLR 28(3):1139), equations 3-4; the paper's
/// U-Net trains with lr 0.01, Nesterov momentum 0.99 and weight decay 1e-5.
/// </summary>
public sealed class Sgd : Optimizer
{
    private const string MomentumBuffer = "momentum_buffer";

    /// <summary>Creates the optimiser.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, or Nesterov is asked without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(dampening);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(nesterov), "Nesterov momentum needs momentum > 0 and no dampening");
        }
        (Momentum, Dampening, WeightDecay, Nesterov) = (momentum, dampening, weightDecay, nesterov);
    }

    /// <summary>Momentum factor m.</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the gradient's share in the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the step looks ahead along the momentum (Nesterov).</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateNames { get; } = [MomentumBuffer];

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter)
    {
        var buffer = GetState(index, MomentumBuffer);
        using var lease = new HandleLease(buffer);
        var pointer = lease[0];
        NativeMethods.Check(NativeMethods.rs_optim_sgd_step_(parameter.Handle, ref pointer, LearningRateOf(index), Momentum,
            Dampening, WeightDecay, Nesterov ? 1 : 0, 0));
        if (buffer is null && pointer != IntPtr.Zero)
        {
            SetState(index, MomentumBuffer, Tensor.Wrap(pointer));
        }
    }
}

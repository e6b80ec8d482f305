using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>Whether ops on this tensor record a graph for <see cref="Backward"/> (settable on leaves).</summary>
    public bool RequiresGrad
    {
        get => NativeMethods.CheckValue(NativeMethods.rs_autograd_requires_grad(Handle)) == 1;
        set => NativeMethods.Check(NativeMethods.rs_autograd_set_requires_grad_(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (torch.Tensor.requires_grad_).</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires it and adds it to the leaves'
    /// gradients (torch.Tensor.backward).
    /// </summary>
    /// <param name="gradient">d(loss)/d(this); may be null when this tensor has one element.</param>
    /// <param name="retainGraph">Keep the graph for another backward pass.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        using var lease = new HandleLease(this, gradient);
        NativeMethods.Check(NativeMethods.rs_autograd_backward(lease[0], lease[1], retainGraph ? 1 : 0));
    }

    /// <summary>The accumulated gradient (a new tensor sharing its storage), or null when there is none yet.</summary>
    public Tensor? Grad()
    {
        NativeMethods.Check(NativeMethods.rs_autograd_grad(Handle, out var grad));
        return grad == IntPtr.Zero ? null : Wrap(grad);
    }

    /// <summary>Replaces the gradient with a copy of <paramref name="value"/>, or removes it when null.</summary>
    public void SetGrad(Tensor? value)
    {
        using var lease = new HandleLease(this, value);
        NativeMethods.Check(NativeMethods.rs_autograd_set_grad_(lease[0], lease[1]));
    }

    /// <summary>Zeroes the gradient in place, or drops it when <paramref name="setToNone"/> (optimizer.zero_grad).</summary>
    public void ZeroGrad(bool setToNone = false) =>
        NativeMethods.Check(NativeMethods.rs_autograd_zero_grad_(Handle, setToNone ? 1 : 0));

    /// <summary>A tensor sharing this storage, cut from the graph (torch.Tensor.detach).</summary>
    public Tensor Detach() => Wrap(NativeMethods.rs_autograd_detach(Handle));

    /// <summary>Gives this tensor the storage of <paramref name="value"/>, keeping its identity and gradient flag (param.data = value).</summary>
    internal void SetData_(Tensor value)
    {
        NativeMethods.Check(NativeMethods.rs_autograd_set_data_(Handle, value.Handle));
        _shape = null;
        _dtype = null;
        _device = null;
    }
}

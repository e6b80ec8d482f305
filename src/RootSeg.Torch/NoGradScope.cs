using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// Turns off gradient recording on this thread until disposed (torch.no_grad): ops inside record no graph, which
/// saves the memory of saved activations during inference and optimiser updates. The grad mode is per thread, so
/// dispose the scope on the thread that entered it.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    private readonly int _previous;
    private bool _disposed;

    private NoGradScope(int previous) => _previous = previous;

    /// <summary>Turns gradient recording off and remembers whether it was on.</summary>
    public static NoGradScope Enter() => new(NativeMethods.CheckValue(NativeMethods.rs_autograd_set_grad_enabled(0)));

    /// <summary>True when ops on this thread record gradients.</summary>
    public static bool IsGradEnabled => NativeMethods.rs_autograd_is_grad_enabled() == 1;

    /// <summary>Restores the grad mode that was in force when the scope was entered.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        NativeMethods.CheckValue(NativeMethods.rs_autograd_set_grad_enabled(_previous));
    }
}

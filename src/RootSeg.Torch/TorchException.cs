namespace RootSeg.Torch;

/// <summary>
/// A failure inside libtorch (a shape mismatch, an unsupported type, a device without CUDA, ...), carrying
/// libtorch's own message. The native call that failed had no effect on its inputs beyond what libtorch itself
/// guarantees, and the process can go on.
/// </summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception with libtorch's message.</summary>
    public TorchException(string message)
        : base(message)
    {
    }
}

using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// A seeded random number generator that lives on a device (a native <c>at::Generator</c>), for draws that must be
/// repeatable without going through the device's default generator: the same seed gives the same numbers on every
/// run on the same device (a CPU and a GPU generator give different numbers for the same seed). Draws are made on
/// the device itself, so a GPU never waits for random numbers made on the host.
/// </summary>
/// <remarks>Not thread-safe; dispose it to free the native generator.</remarks>
public sealed class RandomGenerator : IDisposable
{
    private readonly GeneratorHandle _handle;

    /// <summary>Creates a generator on <paramref name="device"/> seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="TorchException">The device is not available in this build.</exception>
    public RandomGenerator(Device device, ulong seed)
    {
        var pointer = NativeMethods.rs_random_generator_create((int)device.Type, device.Index, seed);
        if (pointer == IntPtr.Zero)
        {
            throw new TorchException(NativeMethods.LastError());
        }
        _handle = new GeneratorHandle(pointer);
        Device = device;
    }

    /// <summary>Native generators made and not yet freed in this process (for leak checks in tests).</summary>
    public static long LiveCount => GeneratorHandle.Live;

    /// <summary>The device the generator draws on.</summary>
    public Device Device { get; }

    private GeneratorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => NativeMethods.Check(NativeMethods.rs_random_generator_seed_(Handle, seed));

    /// <summary>Uniform values in [0, 1) on <see cref="Device"/> (torch.rand with this generator).</summary>
    /// <param name="shape">Sizes, each 0 or more.</param>
    /// <param name="dtype">A floating-point type.</param>
    /// <exception cref="TorchException">The type is not floating-point.</exception>
    public Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape);
        return Tensor.Wrap(NativeMethods.rs_random_rand(Handle, shape, shape.Length, (int)dtype));
    }

    /// <summary>Standard normal values on <see cref="Device"/> (torch.randn with this generator).</summary>
    /// <inheritdoc cref="Rand"/>
    public Tensor RandN(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape);
        return Tensor.Wrap(NativeMethods.rs_random_randn(Handle, shape, shape.Length, (int)dtype));
    }

    /// <summary>1 with probability p, else 0, elementwise (torch.bernoulli with this generator), in p's type.</summary>
    /// <param name="probabilities">Floating-point probabilities in [0, 1] on <see cref="Device"/>.</param>
    /// <exception cref="TorchException">p is on another device or outside [0, 1].</exception>
    public Tensor Bernoulli(Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return Tensor.Wrap(NativeMethods.rs_random_bernoulli(Handle, probabilities.Handle));
    }

    /// <summary>Frees the native generator.</summary>
    public void Dispose() => _handle.Dispose();

    private static void CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(size => size < 0))
        {
            throw new ArgumentException($"sizes must not be negative: [{string.Join(", ", shape)}]", nameof(shape));
        }
    }
}

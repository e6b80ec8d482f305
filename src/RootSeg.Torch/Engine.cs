using System.Runtime.InteropServices;
using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// Process-wide settings of the libtorch engine. The first native call applies <see cref="EngineOptions.Default"/>
/// (one thread per core, the caching allocator); call <see cref="Configure"/> at start-up, before tensors are made
/// on several threads, to choose otherwise.
/// </summary>
public static class Engine
{
    private static readonly Lock s_lock = new();

    /// <summary>The options in force.</summary>
    public static EngineOptions Options { get; private set; } = EngineOptions.Default;

    /// <summary>Applies <paramref name="options"/>: threads, CPU allocator, cuDNN autotuning, Winograd convolutions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named in the message).</exception>
    public static void Configure(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lock (s_lock)
        {
            var threads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
            NativeMethods.Check(NativeMethods.rs_set_num_threads(threads));
            NativeMethods.Check(NativeMethods.rs_allocator_use((int)options.Allocator, options.AllocatorCacheLimitBytes));
            NativeMethods.Check(NativeMethods.rs_device_set_cudnn_benchmark(options.CudnnBenchmark ? 1 : 0));
            NativeMethods.Check(NativeMethods.rs_set_winograd(options.WinogradConvolutions ? 1 : 0));
            Options = options;
        }
    }

    // Runs from NativeMethods' static constructor, before the first native call completes.
    internal static void ApplyDefaults() => Configure(EngineOptions.Default);

    /// <summary>Seeds the default generators of the CPU and every CUDA device (torch.manual_seed).</summary>
    public static void ManualSeed(ulong seed) => NativeMethods.Check(NativeMethods.rs_device_manual_seed(seed));

    /// <summary>libtorch's version, "major.minor.patch".</summary>
    public static string TorchVersion => NativeMethods.CheckString(NativeMethods.rs_torch_version());

    /// <summary>Intra-op threads in use.</summary>
    public static int Threads => NativeMethods.CheckValue(NativeMethods.rs_get_num_threads());

    /// <summary>The caching allocator's counters.</summary>
    public static AllocatorStatistics AllocatorStatistics
    {
        get
        {
            var values = new long[6];
            NativeMethods.Check(NativeMethods.rs_allocator_stats(values, values.Length));
            return new AllocatorStatistics(values[0], values[1], values[2], values[3], values[4], values[5]);
        }
    }

    /// <summary>
    /// Returns the caching allocator's reserve to the system (tensors in use are not touched), after dropping the
    /// Winograd-domain copies of weights whose tensors are gone (a disposed model's).
    /// </summary>
    public static void EmptyCache()
    {
        NativeMethods.Check(NativeMethods.rs_winograd_release());
        NativeMethods.Check(NativeMethods.rs_allocator_empty_cache());
    }

    /// <summary>Versions, threads, BLAS, allocator and devices, for `rootseg info` and run manifests.</summary>
    public static EngineDescription Describe()
    {
        var cuda = Device.CudaAvailable;
        var names = new List<string>();
        for (var i = 0; cuda && i < Device.CudaDeviceCount; i++)
        {
            names.Add(Device.CudaDeviceName(i));
        }
        return new EngineDescription(
            TorchVersion,
            Threads,
            NativeMethods.CheckString(NativeMethods.rs_parallel_info()),
            NativeMethods.CheckString(NativeMethods.rs_show_config()),
            (AllocatorKind)NativeMethods.rs_allocator_kind(),
            Marshal.PtrToStringUTF8(NativeMethods.rs_allocator_malloc_name()) ?? "unknown",
            AllocatorStatistics,
            Device.CudaBuilt,
            cuda,
            names,
            NativeMethods.rs_device_cudnn_available() == 1,
            NativeMethods.CheckValue(NativeMethods.rs_device_cudnn_benchmark()) == 1,
            NativeMethods.rs_get_winograd() switch
            {
                1 => WinogradState.On,
                0 => WinogradState.Off,
                -2 => WinogradState.NoKernel,
                _ => WinogradState.NotBuilt,
            },
            OneDnnKernels(NativeMethods.rs_processor_onednn_isa()),
            NativeMethods.rs_processor_libtorch_avx512() switch
            {
                1 => true,
                0 => false,
                _ => null,
            });
    }

    // dnnl_cpu_isa_t codes of oneDNN 2.x; the shim answers -2 when built without oneDNN's headers.
    private static string? OneDnnKernels(int isa) => isa switch
    {
        -2 => null,
        < 0 => throw new TorchException(NativeMethods.LastError()),
        0x7 => "AVX2",
        0x407 => "AVX2 with VNNI",
        0x27 => "AVX-512",
        0x67 => "AVX-512 with VNNI",
        0xe7 => "AVX-512 with bfloat16",
        0x3e7 => "AMX",
        < 0x7 => "SSE4.1/AVX",
        _ => $"instruction set 0x{isa:x}",
    };
}

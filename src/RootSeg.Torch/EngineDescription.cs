namespace RootSeg.Torch;

/// <summary>What the engine runs on, as `rootseg info` prints it.</summary>
/// <param name="TorchVersion">libtorch's version.</param>
/// <param name="Threads">Intra-op threads in use.</param>
/// <param name="ParallelInfo">libtorch's thread report (at::get_parallel_info).</param>
/// <param name="BuildConfig">libtorch's build configuration, BLAS and oneDNN included (at::show_config).</param>
/// <param name="Allocator">The CPU allocator in use.</param>
/// <param name="Malloc">The process's malloc ("glibc malloc", or "jemalloc" when preloaded).</param>
/// <param name="AllocatorStatistics">The caching allocator's counters.</param>
/// <param name="CudaBuilt">Whether the shim's libtorch was built with CUDA.</param>
/// <param name="CudaAvailable">Whether CUDA can be used.</param>
/// <param name="CudaDevices">The names of the visible CUDA devices, by index.</param>
/// <param name="CudnnAvailable">Whether cuDNN can be used.</param>
/// <param name="CudnnBenchmark">Whether cuDNN autotuning is on.</param>
/// <param name="Winograd">Whether inference runs Winograd convolutions (<see cref="EngineOptions.WinogradConvolutions"/>).</param>
/// <param name="OneDnnKernels">The instructions of oneDNN's kernels ("AVX2", "AVX-512", "AVX-512 with bfloat16",
/// "AMX"), or null when the shim was built without oneDNN's headers.</param>
/// <param name="LibtorchAvx512">Whether libtorch sees the AVX-512 its bfloat16 convolutions through oneDNN need, or
/// null when the shim cannot ask (built without cpuinfo's header).</param>
public sealed record EngineDescription(
    string TorchVersion,
    int Threads,
    string ParallelInfo,
    string BuildConfig,
    AllocatorKind Allocator,
    string Malloc,
    AllocatorStatistics AllocatorStatistics,
    bool CudaBuilt,
    bool CudaAvailable,
    IReadOnlyList<string> CudaDevices,
    bool CudnnAvailable,
    bool CudnnBenchmark,
    WinogradState Winograd,
    string? OneDnnKernels,
    bool? LibtorchAvx512);

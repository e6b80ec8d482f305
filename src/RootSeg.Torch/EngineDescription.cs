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
    WinogradState Winograd);

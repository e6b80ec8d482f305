namespace RootSeg.Torch;

/// <summary>Counters of the shim's caching allocator (zero while it has never been used).</summary>
/// <param name="InUseBytes">Bytes in blocks that tensors hold now.</param>
/// <param name="CachedBytes">Bytes in freed blocks kept for reuse.</param>
/// <param name="Hits">Allocations served from the cache.</param>
/// <param name="Misses">Allocations that went to the system.</param>
/// <param name="PeakInUseBytes">The most bytes in use at once.</param>
/// <param name="CacheLimitBytes">The bound on <paramref name="CachedBytes"/>.</param>
public readonly record struct AllocatorStatistics(
    long InUseBytes, long CachedBytes, long Hits, long Misses, long PeakInUseBytes, long CacheLimitBytes);

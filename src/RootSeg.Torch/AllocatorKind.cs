namespace RootSeg.Torch;

/// <summary>Which allocator libtorch uses for CPU tensors (codes shared with rs_allocator.cpp).</summary>
public enum AllocatorKind
{
    /// <summary>libtorch's default: the process's malloc (glibc's, or jemalloc when preloaded).</summary>
    System = 0,

    /// <summary>The shim's caching allocator: freed blocks are kept in size-bucketed free lists and reused.</summary>
    Caching = 1,
}

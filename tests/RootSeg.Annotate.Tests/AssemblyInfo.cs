// The trainer tests and the browser test seed libtorch's process-wide generator and share the 2 CPU cores; run the
// classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

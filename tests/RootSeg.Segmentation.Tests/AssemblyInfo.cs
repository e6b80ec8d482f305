// Several tests seed libtorch's process-wide default generator (network initialisation, dropout-free training
// runs compared bit for bit); running test classes at the same time would interleave their draws.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Leak checks compare the process-wide count of live native tensors before and after each test, which only
// means something when tests do not run at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

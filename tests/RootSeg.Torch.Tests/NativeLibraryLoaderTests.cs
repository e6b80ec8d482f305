using RootSeg.Torch.Native;

namespace RootSeg.Torch.Tests;

public sealed class NativeLibraryLoaderTests : LeakCheckedTest
{
    [Fact]
    public void FailureListsEveryPathTriedAndWhy()
    {
        var notLibrary = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_ops.json");
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "librootseg_torch.so");
        var e = Assert.Throws<DllNotFoundException>(
            () => NativeLibraryLoader.Load([missing, notLibrary], "librootseg_torch_missing.so"));
        Assert.Contains($"{missing} (not found)", e.Message);
        Assert.Contains(notLibrary + " (", e.Message);
        Assert.Contains("librootseg_torch_missing.so on the system library path", e.Message);
    }

    [Fact]
    public void LoadsTheFirstPathThatWorks()
    {
        var shim = Path.Combine(AppContext.BaseDirectory, "librootseg_torch.so");
        Assert.NotEqual(IntPtr.Zero, NativeLibraryLoader.Load(["/nonexistent/librootseg_torch.so", shim], "x.so"));
    }
}

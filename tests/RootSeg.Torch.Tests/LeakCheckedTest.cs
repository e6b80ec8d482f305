using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

/// <summary>Base of every test class here: fails a test that leaves native tensors alive.</summary>
public abstract class LeakCheckedTest : IDisposable
{
    private readonly long _liveAtStart = Tensor.LiveCount;

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
        Assert.Equal(_liveAtStart, Tensor.LiveCount);
    }
}

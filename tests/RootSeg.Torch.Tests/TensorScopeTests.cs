using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

public sealed class TensorScopeTests : LeakCheckedTest
{
    [Fact]
    public void ScopeDisposesTemporariesButNotKeptTensors()
    {
        using var x = Tensor.Ones([4]);
        Tensor kept;
        Tensor temporary;
        using (var scope = TensorScope.Enter())
        {
            temporary = x * 3;
            var sum = temporary + 1;
            kept = scope.Keep(sum.Sum());
            Assert.Equal(2, scope.Count);
        }
        Assert.True(temporary.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal(16, kept.Item());
        kept.Dispose();
    }

    [Fact]
    public void KeepMovesToTheEnclosingScope()
    {
        Tensor inner;
        using (var outer = TensorScope.Enter())
        {
            using (var scope = TensorScope.Enter())
            {
                inner = scope.Keep(Tensor.Zeros([1]));
            }
            Assert.False(inner.IsDisposed);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(inner.IsDisposed);
    }

    [Fact]
    public void KeepRejectsForeignTensors()
    {
        using var outside = Tensor.Zeros([1]);
        using var scope = TensorScope.Enter();
        Assert.Throws<ArgumentException>(() => scope.Keep(outside));
    }

    [Fact]
    public void ScopesMustEndInOrder()
    {
        var outer = TensorScope.Enter();
        var inner = TensorScope.Enter();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void NoGradScopeStopsRecordingAndRestores()
    {
        using var w = Tensor.Ones([2]).RequiresGrad_();
        Assert.True(NoGradScope.IsGradEnabled);
        using (NoGradScope.Enter())
        {
            Assert.False(NoGradScope.IsGradEnabled);
            using var y = w * 2;
            Assert.False(y.RequiresGrad);
        }
        Assert.True(NoGradScope.IsGradEnabled);
        using var z = w * 2;
        Assert.True(z.RequiresGrad);
    }
}

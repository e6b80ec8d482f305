using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

// Reference values: scripts/fixtures/torch_ops.py (python3-torch 1.13.1). Tolerance: 1e-6 relative + 1e-7 absolute
// unless stated; the same libtorch kernels run on both sides, so most values agree exactly.
public sealed class ElementwiseOpsTests : LeakCheckedTest
{
    private const double Rtol = 1e-6;
    private const double Atol = 1e-7;

    [Fact]
    public void BinaryOpsBroadcastLikePyTorch()
    {
        using var scope = TensorScope.Enter();
        var a = Fixtures.Load("binary", "a");
        var b = Fixtures.Load("binary", "b");
        Fixtures.AssertClose("binary", "add", a + b, Rtol, Atol);
        Fixtures.AssertClose("binary", "sub", a - b, Rtol, Atol);
        Fixtures.AssertClose("binary", "mul", a * b, Rtol, Atol);
        Fixtures.AssertClose("binary", "div", a / b, Rtol, Atol);
        Fixtures.AssertClose("binary", "pow", a.Abs().Pow(b), Rtol, Atol);
        Fixtures.AssertClose("binary", "maximum", a.Maximum(b), 0, 0);
        Fixtures.AssertClose("binary", "minimum", a.Minimum(b), 0, 0);
        Fixtures.AssertClose("binary", "mul_scalar", a * 2.5, Rtol, Atol);
        Fixtures.AssertClose("binary", "rsub_scalar", 1.5 - a, Rtol, Atol);
        Fixtures.AssertClose("binary", "rdiv_scalar", 2.0 / b, Rtol, Atol);
        Fixtures.AssertClose("binary", "gt", a.Gt(0.1));
        Fixtures.AssertClose("binary", "eq", a.Eq(a.Slice(0, 0, 1)));
        Fixtures.AssertClose("binary", "add_scaled", a.Clone().AddScaled_(b, -0.3), Rtol, Atol);
    }

    [Fact]
    public void InPlaceOpsChangeTheTensorAndReturnIt()
    {
        using var scope = TensorScope.Enter();
        var a = Fixtures.Load("binary", "a");
        var b = Fixtures.Load("binary", "b");
        var c = a.Clone();
        Assert.Same(c, c.Add_(b));
        Fixtures.AssertClose("binary", "add", c, Rtol, Atol);
        c.Sub_(b).Mul_(2.5).Div_(2.5);
        Fixtures.AssertClose("binary", "a", c, 1e-6, 1e-6);
        var counts = Tensor.Zeros([2], ScalarType.Int64);
        counts.Add_(3);
        Assert.Equal(new long[] { 3, 3 }, counts.ToArray<long>());
    }

    [Fact]
    public void UnaryOpsEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("unary", "x");
        Fixtures.AssertClose("unary", "neg", -x, 0, 0);
        Fixtures.AssertClose("unary", "exp", x.Exp(), Rtol, Atol);
        Fixtures.AssertClose("unary", "log", (x.Abs() + 0.1).Log(), Rtol, Atol);
        Fixtures.AssertClose("unary", "sqrt", x.Abs().Sqrt(), Rtol, Atol);
        Fixtures.AssertClose("unary", "sigmoid", x.Sigmoid(), Rtol, Atol);
        Fixtures.AssertClose("unary", "tanh", x.Tanh(), Rtol, Atol);
        Fixtures.AssertClose("unary", "floor", (x * 3).Floor(), 0, 0);
        Fixtures.AssertClose("unary", "round", (x * 3).Round(), 0, 0);
        Fixtures.AssertClose("unary", "sign", x.Sign(), 0, 0);
        Fixtures.AssertClose("unary", "rsqrt", (x.Abs() + 0.1).Rsqrt(), Rtol, Atol);
        Fixtures.AssertClose("unary", "clamp", x.Clamp(-0.2, 0.3), 0, 0);
        Fixtures.AssertClose("unary", "square", x.Square(), Rtol, Atol);
    }

    [Fact]
    public void ReductionsArgmaxAndWhereEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("reduce", "x");
        Fixtures.AssertClose("reduce", "sum", x.Sum(), 1e-6, 1e-6);
        Fixtures.AssertClose("reduce", "sum_1_keep", x.Sum([1], keepDim: true), Rtol, Atol);
        Fixtures.AssertClose("reduce", "mean_02", x.Mean([0, 2]), Rtol, Atol);
        Fixtures.AssertClose("reduce", "amax_2", x.Max([2]), 0, 0);
        Fixtures.AssertClose("reduce", "amin_0", x.Min([0]), 0, 0);
        Fixtures.AssertClose("reduce", "argmax_1", x.ArgMax(1));
        Fixtures.AssertClose("reduce", "argmax_flat", x.ArgMax());
        Fixtures.AssertClose("reduce", "where", Tensor.Where(x.Gt(0), x, x * -2), 0, 0);
    }

    [Fact]
    public void ViewsAndJoinsEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("views", "x");
        var other = Fixtures.Load("views", "other");
        Fixtures.AssertClose("views", "cat_1", Functional.Cat([x, other], 1), 0, 0);
        Fixtures.AssertClose("views", "stack_0", Functional.Stack([x, x * 2], 0), 0, 0);
        Fixtures.AssertClose("views", "narrow", x.Narrow(2, 1, 2), 0, 0);
        Fixtures.AssertClose("views", "slice_step", x.Slice(2, 0, 4, 2), 0, 0);
        Fixtures.AssertClose("views", "permute", x.Permute(2, 0, 1), 0, 0);
        Fixtures.AssertClose("views", "flip", x.Flip(1), 0, 0);
        Fixtures.AssertClose("views", "select", x.Select(1, 2), 0, 0);
        Fixtures.AssertClose("views", "index_select", x.IndexSelect(2, Tensor.FromArray(new long[] { 3, 0, 3 }, [3])), 0, 0);
        Fixtures.AssertClose("views", "reshape", x.Reshape(4, 6), 0, 0);
        Fixtures.AssertClose("views", "transpose", x.Transpose(0, 2), 0, 0);
    }

    [Fact]
    public void ViewsShareStorage()
    {
        using var scope = TensorScope.Enter();
        var x = Tensor.Zeros([2, 3]);
        x.Narrow(1, 1, 1).Fill_(7);
        Assert.Equal(new[] { 0f, 7, 0, 0, 7, 0 }, x.ToArray<float>());
    }

    [Fact]
    public void CatOfMismatchedShapesThrowsTorchException()
    {
        using var scope = TensorScope.Enter();
        var a = Tensor.Zeros([2, 3]);
        var b = Tensor.Zeros([3, 3]);
        Assert.Throws<TorchException>(() => Functional.Cat([a, b], 1));
        Assert.Throws<ArgumentException>(() => Functional.Cat([], 0));
    }
}

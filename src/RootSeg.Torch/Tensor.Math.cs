using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    private Tensor Binary(Tensor other, BinaryOp op)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.rs_math_binary(Handle, other.Handle, (int)op));
    }

    private Tensor Binary(double other, BinaryOp op) => Wrap(NativeMethods.rs_math_binary_scalar(Handle, other, (int)op));

    private Tensor BinaryInPlace(Tensor other, BinaryOp op)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(NativeMethods.rs_math_binary_(Handle, other.Handle, (int)op));
        return this;
    }

    private Tensor BinaryInPlace(double other, BinaryOp op)
    {
        NativeMethods.Check(NativeMethods.rs_math_binary_scalar_(Handle, other, (int)op));
        return this;
    }

    private Tensor Unary(UnaryOp op) => Wrap(NativeMethods.rs_math_unary(Handle, (int)op));

    private Tensor Reduce(ReduceOp op, long[]? dims, bool keepDim)
    {
        var list = dims ?? [];
        return Wrap(NativeMethods.rs_math_reduce(Handle, (int)op, list, list.Length, keepDim ? 1 : 0));
    }

    /// <summary>this + other, broadcasting (torch.add).</summary>
    public Tensor Add(Tensor other) => Binary(other, BinaryOp.Add);

    /// <summary>this + other.</summary>
    public Tensor Add(double other) => Binary(other, BinaryOp.Add);

    /// <summary>this - other, broadcasting.</summary>
    public Tensor Sub(Tensor other) => Binary(other, BinaryOp.Sub);

    /// <summary>this - other.</summary>
    public Tensor Sub(double other) => Binary(other, BinaryOp.Sub);

    /// <summary>this * other elementwise, broadcasting.</summary>
    public Tensor Mul(Tensor other) => Binary(other, BinaryOp.Mul);

    /// <summary>this * other.</summary>
    public Tensor Mul(double other) => Binary(other, BinaryOp.Mul);

    /// <summary>this / other elementwise (true division: integers give float), broadcasting.</summary>
    public Tensor Div(Tensor other) => Binary(other, BinaryOp.Div);

    /// <summary>this / other.</summary>
    public Tensor Div(double other) => Binary(other, BinaryOp.Div);

    /// <summary>this ** exponent elementwise.</summary>
    public Tensor Pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow);

    /// <summary>this ** exponent.</summary>
    public Tensor Pow(double exponent) => Binary(exponent, BinaryOp.Pow);

    /// <summary>Python's modulo (the result has the divisor's sign).</summary>
    public Tensor Remainder(double divisor) => Binary(divisor, BinaryOp.Remainder);

    /// <summary>The larger of the two at each element (torch.maximum).</summary>
    public Tensor Maximum(Tensor other) => Binary(other, BinaryOp.Maximum);

    /// <summary>The smaller of the two at each element (torch.minimum).</summary>
    public Tensor Minimum(Tensor other) => Binary(other, BinaryOp.Minimum);

    /// <summary>this == other elementwise (Bool).</summary>
    public Tensor Eq(Tensor other) => Binary(other, BinaryOp.Eq);

    /// <summary>this == other elementwise (Bool).</summary>
    public Tensor Eq(double other) => Binary(other, BinaryOp.Eq);

    /// <summary>this != other elementwise (Bool).</summary>
    public Tensor Ne(Tensor other) => Binary(other, BinaryOp.Ne);

    /// <summary>this != other elementwise (Bool).</summary>
    public Tensor Ne(double other) => Binary(other, BinaryOp.Ne);

    /// <summary>this &lt; other elementwise (Bool).</summary>
    public Tensor Lt(Tensor other) => Binary(other, BinaryOp.Lt);

    /// <summary>this &lt; other elementwise (Bool).</summary>
    public Tensor Lt(double other) => Binary(other, BinaryOp.Lt);

    /// <summary>this &lt;= other elementwise (Bool).</summary>
    public Tensor Le(Tensor other) => Binary(other, BinaryOp.Le);

    /// <summary>this &lt;= other elementwise (Bool).</summary>
    public Tensor Le(double other) => Binary(other, BinaryOp.Le);

    /// <summary>this &gt; other elementwise (Bool).</summary>
    public Tensor Gt(Tensor other) => Binary(other, BinaryOp.Gt);

    /// <summary>this &gt; other elementwise (Bool).</summary>
    public Tensor Gt(double other) => Binary(other, BinaryOp.Gt);

    /// <summary>this &gt;= other elementwise (Bool).</summary>
    public Tensor Ge(Tensor other) => Binary(other, BinaryOp.Ge);

    /// <summary>this &gt;= other elementwise (Bool).</summary>
    public Tensor Ge(double other) => Binary(other, BinaryOp.Ge);

    /// <summary>Elementwise logical and (nonzero is true).</summary>
    public Tensor LogicalAnd(Tensor other) => Binary(other, BinaryOp.LogicalAnd);

    /// <summary>Elementwise logical or (nonzero is true).</summary>
    public Tensor LogicalOr(Tensor other) => Binary(other, BinaryOp.LogicalOr);

    /// <summary>Elementwise logical not (nonzero is true).</summary>
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot);

    /// <summary>-this.</summary>
    public Tensor Neg() => Unary(UnaryOp.Neg);

    /// <summary>e ** this.</summary>
    public Tensor Exp() => Unary(UnaryOp.Exp);

    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(UnaryOp.Log);

    /// <summary>Square root.</summary>
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);

    /// <summary>1 / sqrt(this).</summary>
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt);

    /// <summary>Absolute value.</summary>
    public Tensor Abs() => Unary(UnaryOp.Abs);

    /// <summary>1 / (1 + e ** -this).</summary>
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh() => Unary(UnaryOp.Tanh);

    /// <summary>Largest integer not above each element.</summary>
    public Tensor Floor() => Unary(UnaryOp.Floor);

    /// <summary>Smallest integer not below each element.</summary>
    public Tensor Ceil() => Unary(UnaryOp.Ceil);

    /// <summary>Nearest integer, halves to even (torch.round).</summary>
    public Tensor Round() => Unary(UnaryOp.Round);

    /// <summary>-1, 0 or 1 by sign.</summary>
    public Tensor Sign() => Unary(UnaryOp.Sign);

    /// <summary>this * this.</summary>
    public Tensor Square() => Unary(UnaryOp.Square);

    /// <summary>1 / this.</summary>
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);

    /// <summary>Sine (radians).</summary>
    public Tensor Sin() => Unary(UnaryOp.Sin);

    /// <summary>Cosine (radians).</summary>
    public Tensor Cos() => Unary(UnaryOp.Cos);

    /// <summary>this += other in place.</summary>
    public Tensor Add_(Tensor other) => BinaryInPlace(other, BinaryOp.Add);

    /// <summary>this += other in place.</summary>
    public Tensor Add_(double other) => BinaryInPlace(other, BinaryOp.Add);

    /// <summary>this += alpha * other in place (torch.Tensor.add_ with alpha).</summary>
    public Tensor AddScaled_(Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(NativeMethods.rs_math_add_scaled_(Handle, other.Handle, alpha));
        return this;
    }

    /// <summary>this -= other in place.</summary>
    public Tensor Sub_(Tensor other) => BinaryInPlace(other, BinaryOp.Sub);

    /// <summary>this -= other in place.</summary>
    public Tensor Sub_(double other) => BinaryInPlace(other, BinaryOp.Sub);

    /// <summary>this *= other in place.</summary>
    public Tensor Mul_(Tensor other) => BinaryInPlace(other, BinaryOp.Mul);

    /// <summary>this *= other in place.</summary>
    public Tensor Mul_(double other) => BinaryInPlace(other, BinaryOp.Mul);

    /// <summary>this /= other in place.</summary>
    public Tensor Div_(Tensor other) => BinaryInPlace(other, BinaryOp.Div);

    /// <summary>this /= other in place.</summary>
    public Tensor Div_(double other) => BinaryInPlace(other, BinaryOp.Div);

    /// <summary>this **= exponent in place.</summary>
    public Tensor Pow_(double exponent) => BinaryInPlace(exponent, BinaryOp.Pow);

    /// <summary>Each element limited to [min, max]; a null bound is open (torch.clamp).</summary>
    /// <exception cref="ArgumentException">Both bounds are null.</exception>
    public Tensor Clamp(double? min, double? max)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("clamp needs a minimum or a maximum", nameof(min));
        }
        return Wrap(NativeMethods.rs_math_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
    }

    /// <summary>Clamps in place; see <see cref="Clamp"/>.</summary>
    public Tensor Clamp_(double? min, double? max)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("clamp needs a minimum or a maximum", nameof(min));
        }
        NativeMethods.Check(NativeMethods.rs_math_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
        return this;
    }

    /// <summary>The sum of all elements (zero-dimensional), or over <paramref name="dims"/>.</summary>
    public Tensor Sum(long[]? dims = null, bool keepDim = false) => Reduce(ReduceOp.Sum, dims, keepDim);

    /// <summary>The mean of all elements (zero-dimensional), or over <paramref name="dims"/>.</summary>
    public Tensor Mean(long[]? dims = null, bool keepDim = false) => Reduce(ReduceOp.Mean, dims, keepDim);

    /// <summary>The largest element (zero-dimensional), or over <paramref name="dims"/> (torch.amax).</summary>
    public Tensor Max(long[]? dims = null, bool keepDim = false) => Reduce(ReduceOp.Max, dims, keepDim);

    /// <summary>The smallest element (zero-dimensional), or over <paramref name="dims"/> (torch.amin).</summary>
    public Tensor Min(long[]? dims = null, bool keepDim = false) => Reduce(ReduceOp.Min, dims, keepDim);

    /// <summary>The product of all elements, or along one dimension.</summary>
    public Tensor Prod(long? dim = null, bool keepDim = false) => Reduce(ReduceOp.Prod, dim is { } d ? [d] : null, keepDim);

    /// <summary>True when every element is nonzero, overall or along one dimension.</summary>
    public Tensor All(long? dim = null, bool keepDim = false) => Reduce(ReduceOp.All, dim is { } d ? [d] : null, keepDim);

    /// <summary>True when some element is nonzero, overall or along one dimension.</summary>
    public Tensor Any(long? dim = null, bool keepDim = false) => Reduce(ReduceOp.Any, dim is { } d ? [d] : null, keepDim);

    /// <summary>Index of the largest value along <paramref name="dim"/>, or in the flattened tensor when null (Int64).</summary>
    public Tensor ArgMax(long? dim = null, bool keepDim = false) =>
        Wrap(NativeMethods.rs_math_argmax(Handle, dim ?? 0, dim.HasValue ? 0 : 1, keepDim ? 1 : 0));

    /// <summary>Index of the smallest value along <paramref name="dim"/>, or in the flattened tensor when null (Int64).</summary>
    public Tensor ArgMin(long? dim = null, bool keepDim = false) =>
        Wrap(NativeMethods.rs_math_argmin(Handle, dim ?? 0, dim.HasValue ? 0 : 1, keepDim ? 1 : 0));

    /// <summary>Matrix product with broadcasting over batch dimensions (torch.matmul).</summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(NativeMethods.rs_math_matmul(Handle, other.Handle));
    }

    /// <summary>True when |this - other| &lt;= atol + rtol * |other| everywhere (torch.allclose).</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NativeMethods.CheckValue(NativeMethods.rs_math_allclose(Handle, other.Handle, rtol, atol)) == 1;
    }

    /// <summary><paramref name="a"/> where <paramref name="condition"/> is true, else <paramref name="b"/> (torch.where).</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Wrap(NativeMethods.rs_math_where(condition.Handle, a.Handle, b.Handle));
    }
}

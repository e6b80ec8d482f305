namespace RootSeg.Torch;

/// <summary>How <see cref="Functional.Pad"/> fills the border (codes shared with rs_nn.cpp).</summary>
public enum PadMode
{
    /// <summary>A constant value.</summary>
    Constant = 0,

    /// <summary>Mirror without repeating the edge (numpy's "reflect"); each pad must be smaller than the size.</summary>
    Reflect = 1,

    /// <summary>Repeat the edge value.</summary>
    Replicate = 2,

    /// <summary>Wrap around.</summary>
    Circular = 3,
}

/// <summary>How a loss combines per-element values (codes are at::Reduction's).</summary>
public enum Reduction
{
    /// <summary>One value per element.</summary>
    None = 0,

    /// <summary>The (weighted) mean over elements that are not ignored.</summary>
    Mean = 1,

    /// <summary>The sum.</summary>
    Sum = 2,
}

/// <summary>Interpolation kernels of Functional.Interpolate.</summary>
public enum InterpolationMode
{
    /// <summary>Nearest neighbour (PyTorch's legacy "nearest").</summary>
    Nearest = 0,

    /// <summary>Bilinear.</summary>
    Bilinear = 1,
}

/// <summary>Interpolation kernels of <see cref="Functional.GridSample"/> (codes are grid_sampler's).</summary>
public enum GridSampleMode
{
    /// <summary>Bilinear.</summary>
    Bilinear = 0,

    /// <summary>Nearest neighbour.</summary>
    Nearest = 1,

    /// <summary>Bicubic.</summary>
    Bicubic = 2,
}

/// <summary>What <see cref="Functional.GridSample"/> reads outside the input (codes are grid_sampler's).</summary>
public enum GridSamplePadding
{
    /// <summary>Zeros.</summary>
    Zeros = 0,

    /// <summary>The nearest border value.</summary>
    Border = 1,

    /// <summary>The input mirrored at its border.</summary>
    Reflection = 2,
}

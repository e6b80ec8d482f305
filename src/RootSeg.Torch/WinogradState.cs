namespace RootSeg.Torch;

/// <summary>Whether CPU inference runs 3x3 convolutions as Winograd convolutions (<see cref="EngineOptions.WinogradConvolutions"/>).</summary>
public enum WinogradState
{
    /// <summary>The shim was built without oneDNN's headers: every convolution is libtorch's own.</summary>
    NotBuilt,

    /// <summary>Built, but this processor runs neither oneDNN's Winograd kernels (AVX-512) nor RootSeg's own (AVX2 and FMA): every convolution is direct.</summary>
    NoKernel,

    /// <summary>Built, and turned off.</summary>
    Off,

    /// <summary>Built and on.</summary>
    On,
}

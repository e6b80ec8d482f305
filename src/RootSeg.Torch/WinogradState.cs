namespace RootSeg.Torch;

/// <summary>Whether CPU inference runs 3x3 convolutions as Winograd convolutions (<see cref="EngineOptions.WinogradConvolutions"/>).</summary>
public enum WinogradState
{
    /// <summary>The shim was built without oneDNN's headers: every convolution is libtorch's own.</summary>
    NotBuilt,

    /// <summary>Built, and turned off.</summary>
    Off,

    /// <summary>Built and on.</summary>
    On,
}

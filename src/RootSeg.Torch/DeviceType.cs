namespace RootSeg.Torch;

/// <summary>Kinds of device a tensor can live on. The values are libtorch's c10::DeviceType codes.</summary>
public enum DeviceType
{
    /// <summary>Main memory, computed by the CPU.</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU through CUDA (only when the shim was built against a CUDA libtorch).</summary>
    Cuda = 1,
}

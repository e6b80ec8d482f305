namespace RootSeg.Torch;

/// <summary>
/// How a tensor's elements are laid out in memory (torch.memory_format). The values are the shim's codes.
/// </summary>
public enum MemoryFormat
{
    /// <summary>C order: for an image batch (N, C, H, W), each channel's plane is stored whole (torch.contiguous_format).</summary>
    Contiguous = 0,

    /// <summary>
    /// For a 4-D tensor (N, C, H, W), the channels of each pixel stored side by side (NHWC strides,
    /// torch.channels_last): oneDNN's convolutions then skip reordering their input and output on the CPU.
    /// </summary>
    ChannelsLast = 1,
}

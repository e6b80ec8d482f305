namespace RootSeg.Segmentation.Data;

/// <summary>How a <see cref="DatasetSplit"/> was made.</summary>
public enum SplitMode
{
    /// <summary>
    /// Smith et al. 2020 (doi:10.1186/s13007-020-00563-0): random test images; validation images evenly spaced in the
    /// rest sorted by root-pixel count; the others for training.
    /// </summary>
    Paper,

    /// <summary>
    /// A random partition by fractions: SegRoot's 60/20/20 protocol (Wang et al. 2019, "SegRoot: a high throughput
    /// segmentation method for root image analysis", Computers and Electronics in Agriculture 162:845-854).
    /// </summary>
    Random,
}

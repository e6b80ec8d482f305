namespace RootSeg.Segmentation.Augmentation;

/// <summary>The four operations of <see cref="ColorJitter"/>, numbered as torchvision numbers them.</summary>
public enum ColorJitterOperation
{
    /// <summary>Blend with black.</summary>
    Brightness = 0,

    /// <summary>Blend with the mean grey level.</summary>
    Contrast = 1,

    /// <summary>Blend with the greyscale image.</summary>
    Saturation = 2,

    /// <summary>Shift the hue in HSV space.</summary>
    Hue = 3,
}

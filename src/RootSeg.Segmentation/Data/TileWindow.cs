namespace RootSeg.Segmentation.Data;

/// <summary>
/// One tile of one image. (<see cref="X"/>, <see cref="Y"/>) is the tile's top-left corner in the image
/// mirror-padded by <see cref="TileGeometry.Margin"/>, as in the reference code; equivalently the top-left corner of
/// the segmented centre in the unpadded image.
/// </summary>
/// <param name="ImageIndex">Index of the image in the list the window was made from.</param>
/// <param name="X">Column of the tile's corner in the padded image (the centre's corner in the image).</param>
/// <param name="Y">Row of the tile's corner in the padded image (the centre's corner in the image).</param>
public readonly record struct TileWindow(int ImageIndex, int X, int Y);

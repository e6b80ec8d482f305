namespace RootSeg.Imaging.Geometry;

/// <summary>
/// One tile of a <see cref="TileGrid"/>. The network reads the <c>InputSize</c> square at (<see cref="X"/>,
/// <see cref="Y"/>) of the padded image, whose output square lies at the same (<see cref="X"/>, <see cref="Y"/>)
/// of the original image; of that output, stitching keeps only the owned rectangle.
/// </summary>
/// <param name="Row">Tile row in the grid, from 0.</param>
/// <param name="Column">Tile column in the grid, from 0.</param>
/// <param name="X">Left column of the output square in the image (and of the input square in the padded image).</param>
/// <param name="Y">Top row of the output square in the image (and of the input square in the padded image).</param>
/// <param name="OwnedX">Left column, in the image, of the pixels this tile writes when stitched.</param>
/// <param name="OwnedY">Top row, in the image, of the pixels this tile writes when stitched.</param>
/// <param name="OwnedWidth">Columns this tile writes when stitched.</param>
/// <param name="OwnedHeight">Rows this tile writes when stitched.</param>
public readonly record struct Tile(
    int Row, int Column, int X, int Y, int OwnedX, int OwnedY, int OwnedWidth, int OwnedHeight);

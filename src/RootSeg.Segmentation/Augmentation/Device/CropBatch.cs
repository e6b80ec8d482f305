using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// A batch of raw, un-augmented training crops on the host, as <see cref="DeviceCropSource"/> cuts them: photos as
/// N x InputSize x InputSize x 3 bytes (HWC, as decoded) and annotations as N x InputSize x InputSize
/// <see cref="AnnotationLabels"/> values, both in arrays rented from the shared pool until <see cref="Dispose"/>.
/// </summary>
public sealed class CropBatch : IDisposable
{
    private readonly PooledBuffer<byte> _photos;
    private readonly PooledBuffer<byte> _annotations;

    internal CropBatch(int epoch, int index, int firstTile, TileGeometry geometry, IReadOnlyList<TileWindow> windows)
    {
        Epoch = epoch;
        Index = index;
        FirstTile = firstTile;
        Geometry = geometry;
        Windows = windows;
        var plane = geometry.InputSize * geometry.InputSize;
        _photos = new PooledBuffer<byte>(windows.Count * plane * 3);
        _annotations = new PooledBuffer<byte>(windows.Count * plane);
    }

    /// <summary>The epoch.</summary>
    public int Epoch { get; }

    /// <summary>The batch's position in its epoch, from 0.</summary>
    public int Index { get; }

    /// <summary>The position of the batch's first tile in the epoch's tile order.</summary>
    public int FirstTile { get; }

    /// <summary>Tile sizes.</summary>
    public TileGeometry Geometry { get; }

    /// <summary>The tiles, in batch order.</summary>
    public IReadOnlyList<TileWindow> Windows { get; }

    /// <summary>Tiles in the batch.</summary>
    public int Count => Windows.Count;

    /// <summary>Photos, N x InputSize x InputSize x 3 bytes (RGB, row-major).</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Photos => _photos.Span;

    /// <summary>Annotations, N x InputSize x InputSize label bytes.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ReadOnlySpan<byte> Annotations => _annotations.Span;

    /// <summary>
    /// Copies the crops to <paramref name="device"/>: photos as (N, 3, InputSize, InputSize) uint8 and annotations as
    /// (N, InputSize, InputSize) uint8, ready for <see cref="DeviceAugmenter.Augment(Tensor, Tensor, int, int)"/>. For
    /// a CUDA device the bytes go through page-locked memory and the copies are queued without waiting; the batch
    /// may be disposed as soon as this returns.
    /// </summary>
    public (Tensor Photos, Tensor Annotations) ToDevice(TorchDevice device)
    {
        var size = (long)Geometry.InputSize;
        long[] photoShape = [Count, size, size, 3];
        long[] annotationShape = [Count, size, size];
        using var scope = TensorScope.Enter();
        var photos = DeviceUpload.From(Photos, photoShape, device);
        var annotations = DeviceUpload.From(Annotations, annotationShape, device);
        return (scope.Keep(photos.Permute(0, 3, 1, 2).Contiguous()), scope.Keep(annotations));
    }

    /// <summary>Returns the arrays to the pool; the spans must not be used afterwards.</summary>
    public void Dispose()
    {
        _photos.Dispose();
        _annotations.Dispose();
    }

    internal void Fill(int tile, Raster<byte> photo, Raster<byte> annotation)
    {
        var size = Geometry.InputSize;
        var plane = size * size;
        var photoTarget = _photos.Span.Slice(tile * plane * 3, plane * 3);
        var annotationTarget = _annotations.Span.Slice(tile * plane, plane);
        for (var y = 0; y < size; y++)
        {
            photo.Row(y)[..(size * 3)].CopyTo(photoTarget.Slice(y * size * 3, size * 3));
            annotation.Row(y)[..size].CopyTo(annotationTarget.Slice(y * size, size));
        }
    }
}

using RootSeg.Imaging.Randomness;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// The paper's tile augmentation (Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13,
/// doi:10.1186/s13007-020-00563-0) as tensor ops on the training device, for a whole batch of raw crops at once, so
/// that CPU workers only decode and crop: the same steps, order and distributions as <see cref="TileAugmenter"/>
/// (scale to [0, 1]; elastic deformation of photo and annotation; Gaussian noise; salt-and-pepper; min-max to 8 bits;
/// colour jitter with Pillow's arithmetic; scale to [0, 1] and shift to [-0.5, 0.5]; horizontal flip).
/// </summary>
/// <remarks>
/// <para>Reproducible on one device: tile t of epoch e draws its parameters (<see cref="TileDraw"/>) on the host from
/// (seed, e, t), and the batch starting at tile t draws its per-pixel noise on the device from a generator seeded
/// with (seed, e, t); the same batch therefore gets the same augmentation however often it is made, and a resumed run
/// sees what the uninterrupted one saw. Different devices draw different noise.</para>
/// <para>Where this differs from the host pipeline, by design: the displacement field (see <see cref="ElasticField"/>:
/// no mirrored noise at the field's edge, and by default smoothed on a 4x coarser grid); salt-and-pepper hits each
/// pixel independently with the probability that ceil(f x samples) draws with repetition hit it, rather than making
/// exactly that many draws; an annotation pixel is unlabelled when unlabelled samples carry more than 1e-6 of its
/// interpolation weight (the host: any non-zero weight); the mirror padding for resampling is limited to the tile
/// side minus 1 for tiles of 60 pixels or less; and with the colour jitter off the tile is not rounded to 8 bits,
/// so that a tile with every augmentation off is exactly the prepared tile of <see cref="TileOutput.Prepare"/>.</para>
/// </remarks>
public sealed class DeviceAugmenter : IDisposable
{
    private const long DrawStream = 0x44455644;
    private const long NoiseStream = 0x44564e53;
    private const double UnlabelledWeight = 1e-6;
    private readonly RandomGenerator _generator;
    private readonly ulong _seed;
    private HueTable? _hueTable;

    /// <summary>Creates an augmenter for tiles of <paramref name="geometry"/> on <paramref name="device"/>.</summary>
    /// <param name="settings">The augmentation's parameters (those of the host pipeline, the paper's by default).</param>
    /// <param name="geometry">Tile sizes.</param>
    /// <param name="device">Where the crops arrive and the augmentation runs.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="fieldStride">Grid spacing of the elastic noise in pixels, at least 1 (1 is the reference's full
    /// resolution; 4, the default, costs about 1/64 of it; see <see cref="ElasticField"/>).</param>
    /// <exception cref="TorchException">The device is not available in this build.</exception>
    public DeviceAugmenter(TileAugmenter settings, TileGeometry geometry, TorchDevice device, ulong seed,
        int fieldStride = 4)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfLessThan(fieldStride, 1);
        Settings = settings;
        Geometry = geometry;
        FieldStride = fieldStride;
        _seed = seed;
        _generator = new RandomGenerator(device, seed);
    }

    /// <summary>The augmentation's parameters.</summary>
    public TileAugmenter Settings { get; }

    /// <summary>Tile sizes.</summary>
    public TileGeometry Geometry { get; }

    /// <summary>Grid spacing of the elastic noise in pixels.</summary>
    public int FieldStride { get; }

    /// <summary>The device the augmentation runs on.</summary>
    public TorchDevice Device => _generator.Device;

    /// <summary>The host-drawn parameters of tiles [firstTile, firstTile + count) of an epoch.</summary>
    public IReadOnlyList<TileDraw> Draws(int epoch, int firstTile, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstTile);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var draws = new TileDraw[count];
        for (var k = 0; k < count; k++)
        {
            draws[k] = TileDraw.Draw(Settings, SeededRandom.Derive(_seed, DrawStream, epoch, firstTile + k));
        }
        return draws;
    }

    /// <summary>
    /// Augments one batch: tiles firstTile, firstTile + 1, ... of <paramref name="epoch"/>.
    /// </summary>
    /// <param name="photos">(N, 3, InputSize, InputSize) uint8 RGB crops on <see cref="Device"/>; not modified.</param>
    /// <param name="annotations">(N, InputSize, InputSize) uint8 <see cref="AnnotationLabels"/> values; not modified.</param>
    /// <param name="epoch">The epoch (a key of the draws).</param>
    /// <param name="firstTile">The position of the batch's first tile in the epoch, at least 0.</param>
    /// <returns>The augmented batch (the caller owns it).</returns>
    /// <exception cref="ArgumentException">A tensor's shape, type or device does not fit.</exception>
    public DeviceBatch Augment(Tensor photos, Tensor annotations, int epoch, int firstTile)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(annotations);
        var count = photos.Dimensions == 4 ? (int)photos.Shape[0] : 0;
        Check(photos, annotations, count);
        var draws = Draws(epoch, firstTile, count);
        _generator.Reseed(SeededRandom.Derive(_seed, NoiseStream, epoch, firstTile).NextUInt64());
        return Run(photos, annotations, draws);
    }

    /// <summary>Frees the device generator and the hue table.</summary>
    public void Dispose()
    {
        _generator.Dispose();
        _hueTable?.Dispose();
    }

    /// <summary>Augments with given parameters and the generator's current state (for tests).</summary>
    internal DeviceBatch Augment(Tensor photos, Tensor annotations, IReadOnlyList<TileDraw> draws, ulong noiseSeed)
    {
        Check(photos, annotations, draws.Count);
        _generator.Reseed(noiseSeed);
        return Run(photos, annotations, draws);
    }

    private DeviceBatch Run(Tensor photos, Tensor annotations, IReadOnlyList<TileDraw> draws)
    {
        var count = draws.Count;
        var size = Geometry.InputSize;
        var output = Geometry.OutputSize;
        var margin = Geometry.Margin;
        var device = Device;
        using var scope = TensorScope.Enter();
        var unit = ToUnit(photos.To(ScalarType.Float32));
        var root = annotations.Eq(AnnotationLabels.Root).To(ScalarType.Float32);
        var unlabelled = annotations.Eq(AnnotationLabels.Unlabelled).To(ScalarType.Float32);
        var centreRoot = Centre(root, margin, output);
        var centreUnlabelled = Centre(unlabelled, margin, output);

        if (draws.Any(d => d.Deform))
        {
            var deform = Mask(draws, d => d.Deform, device);
            var grid = SamplingGrid(draws, size);
            var padding = Math.Min(Settings.Elastic.Padding, size - 1);
            long[] pads = [padding, padding, padding, padding];
            var warped = Functional.GridSample(Functional.Pad(unit, pads, PadMode.Reflect), grid,
                GridSampleMode.Bilinear, GridSamplePadding.Zeros, alignCorners: true);
            unit = Tensor.Where(deform, warped, unit);
            var labels = Functional.Pad(Functional.Stack([root, unlabelled], 1), pads, PadMode.Reflect);
            var centreGrid = grid.Narrow(1, margin, output).Narrow(2, margin, output).Contiguous();
            var warpedLabels = Functional.GridSample(labels, centreGrid, GridSampleMode.Bilinear,
                GridSamplePadding.Zeros, alignCorners: true);
            var perTile = deform.Squeeze(3);
            centreRoot = Tensor.Where(perTile, warpedLabels.Select(1, 0).Gt(0.5).To(ScalarType.Float32), centreRoot);
            centreUnlabelled = Tensor.Where(perTile,
                warpedLabels.Select(1, 1).Gt(UnlabelledWeight).To(ScalarType.Float32), centreUnlabelled);
        }

        if (draws.Any(d => d.NoiseSigma > 0))
        {
            var sigma = PerTile(draws.Select(d => d.NoiseSigma), device);
            unit = unit + _generator.RandN([count, 3, size, size]) * sigma;
        }

        if (draws.Any(d => d.SaltAndPepper > 0))
        {
            var pixels = (double)size * size;
            // ceil(f x samples) draws with repetition hit a given pixel with probability 1 - (1 - 1/pixels)^draws.
            var hit = PerTile(draws.Select(d =>
                -double.ExpM1(Math.Ceiling(d.SaltAndPepper * pixels * 3) * double.LogP1(-1 / pixels))), device);
            var white = _generator.Rand([count, 1, size, size]).Lt(hit);
            var black = _generator.Rand([count, 1, size, size]).Lt(hit);
            unit = Tensor.Where(black, Tensor.Scalar(0, ScalarType.Float32, device),
                Tensor.Where(white, Tensor.Scalar(1, ScalarType.Float32, device), unit));
        }

        var jitter = Settings.Jitter;
        if (jitter.Brightness > 0 || jitter.Contrast > 0 || jitter.Saturation > 0 || jitter.Hue > 0)
        {
            unit = ToUnit(Jitter(ToBytes(unit), draws));
        }
        else
        {
            unit = ToUnit(unit);
        }

        if (draws.Any(d => d.Flip))
        {
            var flip = Mask(draws, d => d.Flip, device);
            unit = Tensor.Where(flip, unit.Flip(3), unit);
            var flipCentre = flip.Squeeze(3);
            centreRoot = Tensor.Where(flipCentre, centreRoot.Flip(2), centreRoot);
            centreUnlabelled = Tensor.Where(flipCentre, centreUnlabelled.Flip(2), centreUnlabelled);
        }

        var inputs = scope.Keep((unit - 0.5).Contiguous());
        var annotated = centreUnlabelled.Lt(0.5);
        var targets = scope.Keep(centreRoot.Gt(0.5).LogicalAnd(annotated).To(ScalarType.Int64));
        var labelled = scope.Keep(annotated.To(ScalarType.UInt8));
        return new DeviceBatch(inputs, targets, labelled, draws);
    }

    // Sampling positions in the tile padded by the elastic padding, normalised for grid_sample (align_corners):
    // (N, size, size, 2), x then y.
    private Tensor SamplingGrid(IReadOnlyList<TileDraw> draws, int size)
    {
        var padding = Math.Min(Settings.Elastic.Padding, size - 1);
        var displacement = ElasticField.Displacements(draws.Select(d => d.Sigma).ToArray(),
            draws.Select(d => d.Deform ? d.Alpha : 0.0).ToArray(), size, Settings.Elastic.SigmaRange.Max, FieldStride,
            _generator);
        var indices = Tensor.Arange(padding, padding + size, 1, ScalarType.Float32, Device);
        var scale = 2.0 / (size + 2 * padding - 1);
        var rows = (displacement.Select(1, 0) + indices.View(1, size, 1)) * scale - 1.0;
        var cols = (displacement.Select(1, 1) + indices.View(1, 1, size)) * scale - 1.0;
        return Functional.Stack([cols, rows], 3);
    }

    // The host's colour jitter on 8-bit tiles, tile by tile (each has its own order and factors).
    private Tensor Jitter(Tensor bytes, IReadOnlyList<TileDraw> draws)
    {
        var tiles = new Tensor[draws.Count];
        for (var k = 0; k < draws.Count; k++)
        {
            var tile = bytes.Select(0, k);
            var parameters = draws[k].Jitter;
            foreach (var operation in parameters.Order)
            {
                tile = operation switch
                {
                    ColorJitterOperation.Brightness when parameters.Brightness is { } b => ColorJitterOps.Brightness(tile, b),
                    ColorJitterOperation.Contrast when parameters.Contrast is { } c => ColorJitterOps.Contrast(tile, c),
                    ColorJitterOperation.Saturation when parameters.Saturation is { } s => ColorJitterOps.Saturation(tile, s),
                    ColorJitterOperation.Hue when parameters.Hue is { } h => Hue(tile, h),
                    _ => tile,
                };
            }
            tiles[k] = tile;
        }
        return Functional.Stack(tiles, 0);
    }

    // A zero shift (the paper's case) is the same lossy round trip for every tile: one table lookup.
    private Tensor Hue(Tensor tile, double hue) => ColorJitterOps.HueShift(hue) == 0
        ? (_hueTable ??= new HueTable(Device)).Apply(tile)
        : ColorJitterOps.Hue(tile, hue);

    // IntensityScaling.ToUnit per tile: (v - min) / (max - min); a constant tile is clipped to [0, 1].
    private static Tensor ToUnit(Tensor tiles)
    {
        var min = tiles.Min([1, 2, 3], keepDim: true);
        var range = tiles.Max([1, 2, 3], keepDim: true) - min;
        var flat = range.Le(0);
        var safe = Tensor.Where(flat, Tensor.Scalar(1, ScalarType.Float32, tiles.Device), range);
        return Tensor.Where(flat, tiles.Clamp(0, 1), (tiles - min) / safe);
    }

    // IntensityScaling.ToBytes per tile: (v - min) / (max - min) x 255, rounded half to even, clamped; constant -> 0.
    private static Tensor ToBytes(Tensor tiles)
    {
        var min = tiles.Min([1, 2, 3], keepDim: true);
        var range = tiles.Max([1, 2, 3], keepDim: true) - min;
        var flat = range.Le(0);
        var safe = Tensor.Where(flat, Tensor.Scalar(1, ScalarType.Float32, tiles.Device), range);
        var scaled = ((tiles - min) / safe * 255.0).Round().Clamp(0, 255);
        return Tensor.Where(flat, Tensor.Scalar(0, ScalarType.Float32, tiles.Device), scaled);
    }

    private static Tensor Centre(Tensor planes, int margin, int output) =>
        planes.Narrow(1, margin, output).Narrow(2, margin, output);

    private static Tensor Mask(IReadOnlyList<TileDraw> draws, Func<TileDraw, bool> select, TorchDevice device) =>
        DeviceUpload.From<bool>(draws.Select(select).ToArray(), [draws.Count, 1, 1, 1], device);

    private static Tensor PerTile(IEnumerable<double> values, TorchDevice device)
    {
        var array = values.Select(v => (float)v).ToArray();
        return DeviceUpload.From<float>(array, [array.Length, 1, 1, 1], device);
    }

    private void Check(Tensor photos, Tensor annotations, int count)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(annotations);
        var size = Geometry.InputSize;
        if (count < 1 || photos.DType != ScalarType.UInt8 || !photos.Shape.SequenceEqual([count, 3L, size, size]))
        {
            throw new ArgumentException(
                $"photos must be (N >= 1, 3, {size}, {size}) uint8, not ({string.Join(", ", photos.Shape)}) {photos.DType}",
                nameof(photos));
        }
        if (annotations.DType != ScalarType.UInt8 || !annotations.Shape.SequenceEqual([count, (long)size, size]))
        {
            throw new ArgumentException(
                $"annotations must be ({count}, {size}, {size}) uint8, not ({string.Join(", ", annotations.Shape)}) {annotations.DType}",
                nameof(annotations));
        }
        if (photos.Device != Device || annotations.Device != Device)
        {
            throw new ArgumentException($"the crops are on {photos.Device} and {annotations.Device}, the augmenter on {Device}",
                nameof(photos));
        }
    }
}

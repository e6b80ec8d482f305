using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Inference;

/// <summary>
/// Segments whole photos with a tile network, as Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant
/// Methods 16:13 (doi:10.1186/s13007-020-00563-0) do at test time: mirror-pad the photo, cut input tiles whose output
/// squares cover it (last row and column aligned to the edge), normalise each tile as in training
/// (<see cref="TileNormalisation"/>), run the network, take the softmax root probability and stitch the squares, a
/// later tile winning where squares overlap (<see cref="PaperStitching"/>); root where the probability exceeds 0.5. Options add larger and batched tiles, overlapping tiles blended with
/// Gaussian weights, flip test-time augmentation and bfloat16 arithmetic (<see cref="SegmenterOptions"/>). On a GPU
/// the tiles are cut and normalised on the device (<see cref="DeviceTiles"/>) and the next batch is queued before the
/// last one is read back.
/// </summary>
/// <remarks>
/// Not thread-safe: one segmenter runs one photo at a time (the network and the tile buffer are shared). The network
/// is not owned. Gradients are off and every batch's tensors are freed when the batch ends.
/// </remarks>
public sealed class Segmenter
{
    private static readonly long[][] FlipDims = [[], [3], [2], [2, 3]];

    private float[] _input = [];

    /// <summary>Prepares a segmenter.</summary>
    /// <param name="network">The network; not owned.</param>
    /// <param name="options">Tiling and thresholding; <c>new SegmenterOptions()</c> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">A fixed tile size does not pass through the network.</exception>
    public Segmenter(InferenceNetwork network, SegmenterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new SegmenterOptions();
        options.Validate();
        if (options.TileSize is { } tile && (tile <= network.Shrink || !network.IsValidTile(tile)))
        {
            throw new ArgumentException($"tile size {tile} does not pass through the network", nameof(options));
        }
        Network = network;
        Options = options;
    }

    /// <summary>The network.</summary>
    public InferenceNetwork Network { get; }

    /// <summary>The options in force.</summary>
    public SegmenterOptions Options { get; }

    /// <summary>The input tile side used for a <paramref name="width"/> x <paramref name="height"/> photo.</summary>
    /// <param name="width">Photo columns, at least 1.</param>
    /// <param name="height">Photo rows, at least 1.</param>
    public int TileSizeFor(int width, int height)
    {
        if (Options.TileSize is { } fixedSize)
        {
            return fixedSize;
        }
        if (!Options.AutoTile)
        {
            return Network.NativeTile;
        }
        var min = Math.Max(Network.NativeTile, Network.Shrink + 1);
        return TileSizeChoice.Choose(width, height, Network, min, Math.Max(min, Options.MaxAutoTile));
    }

    /// <summary>The tile grid used for a <paramref name="width"/> x <paramref name="height"/> photo.</summary>
    /// <param name="width">Photo columns, at least 1.</param>
    /// <param name="height">Photo rows, at least 1.</param>
    public TileGrid GridFor(int width, int height)
    {
        var input = TileSizeFor(width, height);
        var output = input - Network.Shrink;
        return Options.Overlap > 0
            ? TileGrid.CreateOverlapping(width, height, input, output, Options.Overlap)
            : TileGrid.Create(width, height, input, output);
    }

    /// <summary>Segments one photo: its root probability and the thresholded mask.</summary>
    /// <param name="photo">An 8-bit RGB raster (3 channels); only read.</param>
    /// <returns>The result, which the caller owns and disposes.</returns>
    /// <exception cref="ArgumentException">The photo is not RGB.</exception>
    public SegmentationResult Segment(Raster<byte> photo)
    {
        var probability = PredictProbability(photo);
        try
        {
            return new SegmentationResult(probability, Threshold(probability, Options.Threshold));
        }
        catch
        {
            probability.Dispose();
            throw;
        }
    }

    /// <summary>The softmax root probability of every pixel of <paramref name="photo"/>.</summary>
    /// <param name="photo">An 8-bit RGB raster (3 channels); only read.</param>
    /// <returns>A new single-channel raster of the photo's size with values in [0, 1]; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The photo is not RGB.</exception>
    public Raster<float> PredictProbability(Raster<byte> photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Channels != 3)
        {
            throw new ArgumentException($"the photo has {photo.Channels} channels, not 3 (RGB)", nameof(photo));
        }
        var grid = GridFor(photo.Width, photo.Height);
        using var padded = grid.Pad(photo);
        using var blender = Options.Overlap > 0 ? new GaussianBlender(grid) : null;
        var result = new Raster<float>(photo.Width, photo.Height);
        try
        {
            using var tileOutput = new Raster<float>(grid.OutputSize, grid.OutputSize);
            using var noGrad = NoGradScope.Enter();
            using var photoScope = TensorScope.Enter();
            var image = TilesOnDevice ? DeviceTiles.Upload(padded, Network.Device) : null;
            var tiles = grid.Tiles;
            var plane = grid.OutputSize * grid.OutputSize;
            // Batch k + 1 is queued before batch k is read back, so a GPU computes while the host stitches; on the
            // CPU every batch is computed when queued, so the order changes nothing.
            (Tensor Probabilities, int Start, int Count)? pending = null;
            for (var start = 0; start < tiles.Count + Options.BatchSize; start += Options.BatchSize)
            {
                (Tensor, int, int)? queued = null;
                if (start < tiles.Count)
                {
                    var count = Math.Min(Options.BatchSize, tiles.Count - start);
                    var batch = image is null ? HostBatch(padded, grid, start, count) : DeviceBatch(image, grid, start, count);
                    queued = (RootProbabilities(batch), start, count);
                    batch.Dispose();
                }
                if (pending is ({ } done, var first, var n))
                {
                    var probabilities = ReadBack(done);
                    for (var i = 0; i < n; i++)
                    {
                        probabilities.AsSpan(i * plane, plane).CopyTo(tileOutput.Data);
                        if (blender is null)
                        {
                            PaperStitching.Stitch(result, grid, tiles[first + i], tileOutput);
                        }
                        else
                        {
                            blender.Add(tiles[first + i], tileOutput);
                        }
                    }
                    Options.OnTiles?.Invoke(first + n, tiles.Count);
                }
                pending = queued;
            }
            if (blender is not null)
            {
                result.Dispose();
                result = blender.Result();
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether tiles are cut and normalised on the network's device (<see cref="DeviceTiles"/>) rather than on the
    /// host: <see cref="SegmenterOptions.TilesOnDevice"/>, by default on for CUDA and off for the CPU.
    /// </summary>
    public bool TilesOnDevice => Options.TilesOnDevice ?? Network.Device.Type == DeviceType.Cuda;

    /// <summary>Root where the probability is greater than <paramref name="threshold"/>.</summary>
    /// <param name="probability">A single-channel probability raster; only read.</param>
    /// <param name="threshold">The cut, in (0, 1).</param>
    /// <returns>A new single-channel raster of 1 (root) and 0 (soil); the caller owns it.</returns>
    /// <exception cref="ArgumentException">The raster has more than one channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is outside (0, 1).</exception>
    public static Raster<byte> Threshold(Raster<float> probability, double threshold)
    {
        ArgumentNullException.ThrowIfNull(probability);
        if (probability.Channels != 1)
        {
            throw new ArgumentException($"needs 1 channel, not {probability.Channels}", nameof(probability));
        }
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be in (0, 1)");
        }
        var cut = (float)threshold;
        var mask = new Raster<byte>(probability.Width, probability.Height);
        for (var y = 0; y < probability.Height; y++)
        {
            var source = probability.Row(y);
            var target = mask.Row(y);
            for (var x = 0; x < source.Length; x++)
            {
                target[x] = source[x] > cut ? (byte)1 : (byte)0;
            }
        }
        return mask;
    }

    // The normalised tiles start .. start + count - 1, cut on the host into _input and copied to the device.
    private Tensor HostBatch(Raster<byte> padded, TileGrid grid, int start, int count)
    {
        var tileFloats = 3 * grid.InputSize * grid.InputSize;
        if (_input.Length < count * tileFloats)
        {
            _input = new float[count * tileFloats];
        }
        for (var i = 0; i < count; i++)
        {
            var tile = grid.Tiles[start + i];
            TileNormalisation.Apply(padded, tile.X, tile.Y, grid.InputSize, _input.AsSpan(i * tileFloats, tileFloats));
        }
        var shape = new long[] { count, 3, grid.InputSize, grid.InputSize };
        return Tensor.FromSpan<float>(_input.AsSpan(0, count * tileFloats), shape, Network.Device);
    }

    private static Tensor DeviceBatch(Tensor image, TileGrid grid, int start, int count)
    {
        var corners = new (int X, int Y)[count];
        for (var i = 0; i < count; i++)
        {
            corners[i] = (grid.Tiles[start + i].X, grid.Tiles[start + i].Y);
        }
        return DeviceTiles.Batch(image, corners, grid.InputSize);
    }

    // Root probabilities (count, 1, out, out) of a batch, float32, on the network's device; queued, not waited for.
    private Tensor RootProbabilities(Tensor batch)
    {
        using var scope = TensorScope.Enter();
        using var autocast = Options.Precision == ComputePrecision.BFloat16 ? AutocastScope.Enter(Network.Device) : null;
        Tensor sum;
        if (!Options.FlipTta)
        {
            sum = RootProbability(batch);
        }
        else
        {
            sum = RootProbability(batch);
            foreach (var dims in FlipDims.Skip(1))
            {
                sum.Add_(RootProbability(batch.Flip(dims)).Flip(dims));
            }
            sum.Div_(FlipDims.Length);
        }
        return scope.Keep(sum);
    }

    // Waits for a batch's probabilities and copies them to the host, row-major; frees the tensor.
    private static float[] ReadBack(Tensor probabilities)
    {
        using (probabilities)
        {
            using var scope = TensorScope.Enter();
            return probabilities.Contiguous().Cpu().ToArray<float>();
        }
    }

    private Tensor RootProbability(Tensor batch)
    {
        var logits = Network.Network.Forward(batch);
        if (logits.Shape is not [_, 2, _, _])
        {
            throw new InvalidOperationException(
                $"the network returned shape [{string.Join(", ", logits.Shape)}], not (N, 2, H, W)");
        }
        if (logits.DType != ScalarType.Float32)
        {
            logits = logits.To(ScalarType.Float32);
        }
        return Functional.Softmax(logits, 1).Narrow(1, 1, 1);
    }
}

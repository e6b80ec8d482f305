using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Networks;

namespace RootSeg.Segmentation.Tests.Inference;

public class SegmenterTests
{
    private const int Shrink = 8;
    private const double Gain = 3;

    // Black and white noise: every tile holds both 0 and 255, so every tile normalises v to v / 255 - 0.5 exactly.
    private static Raster<byte> NoisePhoto(int width, int height, int seed)
    {
        var random = new Random(seed);
        var photo = new Raster<byte>(width, height, 3);
        for (var y = 0; y < height; y++)
        {
            var row = photo.Row(y);
            for (var x = 0; x < width; x++)
            {
                var v = random.Next(2) == 0 ? (byte)0 : (byte)255;
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
            }
        }
        return photo;
    }

    private static float Expected(byte v) => (float)(1 / (1 + Math.Exp(-Gain * (v / 255.0 - 0.5))));

    [Theory]
    [InlineData(67, 45, 32, 0.0)]
    [InlineData(67, 45, 32, 0.3)]
    [InlineData(10, 7, 32, 0.0)]
    [InlineData(24, 24, 32, 0.5)]
    public void ConstantModelStitchesToConstantImage(int width, int height, int tile, double overlap)
    {
        using var photo = NoisePhoto(width, height, 1);
        var network = TestNetworks.Wrap(new TestNetworks.Constant(1.25, Shrink), Shrink, tile);
        var segmenter = new Segmenter(network, new SegmenterOptions { TileSize = tile, Overlap = overlap, BatchSize = 3 });
        using var probability = segmenter.PredictProbability(photo);
        var expected = (float)(1 / (1 + Math.Exp(-1.25)));
        Assert.Equal(width, probability.Width);
        Assert.Equal(height, probability.Height);
        foreach (var p in probability.Data.ToArray())
        {
            Assert.Equal(expected, p, 1e-6f);
        }
    }

    [Theory]
    [InlineData(30, 0.0)]
    [InlineData(30, 0.4)]
    [InlineData(48, 0.0)]
    public void EveryPixelIsOwnedByExactlyOneTileInsideItsOutputSquare(int tile, double overlap)
    {
        var network = TestNetworks.Wrap(new TestNetworks.Constant(0, Shrink), Shrink, tile);
        var segmenter = new Segmenter(network, new SegmenterOptions { TileSize = tile, Overlap = overlap });
        var grid = segmenter.GridFor(101, 57);
        var owners = new int[101 * 57];
        foreach (var t in grid.Tiles)
        {
            // The paper's grid stitches with the later tile winning; the blended grid uses the grid's own split.
            var (ox, oy, ow, oh) = overlap == 0 ? PaperStitching.OwnedRegion(grid, t) : (t.OwnedX, t.OwnedY, t.OwnedWidth, t.OwnedHeight);
            Assert.True(ox >= t.X && ox + ow <= t.X + grid.OutputSize);
            Assert.True(oy >= t.Y && oy + oh <= t.Y + grid.OutputSize);
            for (var y = oy; y < oy + oh; y++)
            {
                for (var x = ox; x < ox + ow; x++)
                {
                    owners[y * 101 + x]++;
                }
            }
        }
        Assert.All(owners, n => Assert.Equal(1, n));
    }

    [Theory]
    [InlineData(0.0, false, 1)]
    [InlineData(0.0, false, 4)]
    [InlineData(0.35, false, 2)]
    [InlineData(0.0, true, 2)]
    [InlineData(0.5, true, 3)]
    public void StitchedOutputPutsEveryPixelInItsPlace(double overlap, bool flip, int batch)
    {
        using var photo = NoisePhoto(53, 41, 7);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(Gain, Shrink), Shrink, 40);
        var options = new SegmenterOptions { TileSize = 40, Overlap = overlap, FlipTta = flip, BatchSize = batch };
        using var probability = new Segmenter(network, options).PredictProbability(photo);
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                Assert.Equal(Expected(photo[x, y]), probability[x, y], 1e-5f);
            }
        }
    }

    [Fact]
    public void PaperGridGivesTheOverlapOfTheLastColumnAndRowToTheLaterTile()
    {
        var network = TestNetworks.Wrap(new TestNetworks.Constant(0, Shrink), Shrink, 18);
        var grid = new Segmenter(network, new SegmenterOptions { TileSize = 18 }).GridFor(25, 12);
        Assert.Equal([0, 10, 15], grid.ColumnPositions);
        Assert.Equal([0, 2], grid.RowPositions);
        var last = grid.Tiles.Single(t => t.Column == 2 && t.Row == 1);
        Assert.Equal((15, 2, 10, 10), PaperStitching.OwnedRegion(grid, last));
        var middle = grid.Tiles.Single(t => t.Column == 1 && t.Row == 0);
        Assert.Equal((10, 0, 5, 2), PaperStitching.OwnedRegion(grid, middle));
    }

    [Fact]
    public void MaskIsProbabilityAboveTheThreshold()
    {
        using var probability = new Raster<float>(4, 1);
        probability.Row(0)[0] = 0.2f;
        probability.Row(0)[1] = 0.5f;
        probability.Row(0)[2] = 0.5001f;
        probability.Row(0)[3] = 1f;
        using var mask = Segmenter.Threshold(probability, 0.5);
        Assert.Equal(new byte[] { 0, 0, 1, 1 }, mask.Row(0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmenter.Threshold(probability, 1.0));
    }

    [Fact]
    public void SegmentThresholdsTheStitchedProbability()
    {
        using var photo = NoisePhoto(33, 29, 3);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(Gain, Shrink), Shrink, 24);
        using var result = new Segmenter(network, new SegmenterOptions { TileSize = 24 }).Segment(photo);
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                Assert.Equal(photo[x, y] == 255 ? 1 : 0, result.Mask[x, y]);
            }
        }
    }

    [Fact]
    public void ReportsTheTilesDoneAfterEveryBatch()
    {
        using var photo = NoisePhoto(33, 29, 3);
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(Gain, Shrink), Shrink, 24);
        var reports = new List<(int Done, int Count)>();
        var segmenter = new Segmenter(network, new SegmenterOptions
        {
            TileSize = 24, BatchSize = 2, OnTiles = (done, count) => reports.Add((done, count)),
        });
        using var result = segmenter.Segment(photo);

        var tiles = segmenter.GridFor(33, 29).Tiles.Count;
        Assert.True(tiles > 2, $"{tiles} tiles");
        var expected = Enumerable.Range(1, (tiles + 1) / 2).Select(b => (Math.Min(2 * b, tiles), tiles));
        Assert.Equal(expected, reports);
    }

    [Fact]
    public void RejectsBadInputNamingIt()
    {
        var network = TestNetworks.Wrap(new TestNetworks.Constant(0, Shrink), Shrink, 24);
        Assert.Throws<ArgumentException>("options", () => new Segmenter(network, new SegmenterOptions { TileSize = 8 }));
        Assert.Throws<ArgumentOutOfRangeException>("Overlap",
            () => new Segmenter(network, new SegmenterOptions { Overlap = 1 }));
        using var grey = new Raster<byte>(30, 30);
        Assert.Throws<ArgumentException>("photo", () => new Segmenter(network).PredictProbability(grey));
    }

    [Fact]
    public void PaperTilingOfTheCroppedPhotoHas55TilesByDefaultAndTheAutomaticChoiceFewerInputPixels()
    {
        using var unet = new UNetGN(baseWidth: 2, groups: 1);
        var network = new InferenceNetwork(unet, 184, 572, UNetGN.IsValidInputSize, RootSeg.Torch.Device.Cpu);
        var paper = new Segmenter(network, new SegmenterOptions { TileSize = 572 }).GridFor(3991, 1842);
        Assert.Equal(11 * 5, paper.Tiles.Count);
        Assert.Equal(388, paper.OutputSize);
        Assert.Equal(572, new Segmenter(network).TileSizeFor(3991, 1842));
        var auto = new SegmenterOptions { AutoTile = true };
        var automatic = new Segmenter(network, auto).TileSizeFor(3991, 1842);
        Assert.True(UNetGN.IsValidInputSize(automatic));
        Assert.InRange(automatic, 572, SegmenterOptions.DefaultMaxAutoTile);
        Assert.True(TileSizeChoice.Cost(3991, 1842, automatic, 184) < TileSizeChoice.Cost(3991, 1842, 572, 184));
        // 1196 in, 1012 out: 4 x 2 tiles of 1196^2 pixels, 0.64 of the 55 x 572^2 of the paper's grid.
        Assert.Equal(1196, automatic);
        Assert.Equal(8, new Segmenter(network, auto).GridFor(3991, 1842).Tiles.Count);
    }

    [Fact]
    public void SmallUNetSegmentsAPhotoLargerThanOneTile()
    {
        RootSeg.Torch.Engine.ManualSeed(3);
        using var unet = new UNetGN(baseWidth: 2, groups: 1);
        unet.Eval();
        var network = new InferenceNetwork(unet, 184, 188, UNetGN.IsValidInputSize, RootSeg.Torch.Device.Cpu);
        using var photo = NoisePhoto(9, 6, 5);
        using var result = new Segmenter(network, new SegmenterOptions { TileSize = 188 }).Segment(photo);
        Assert.Equal(9, result.Mask.Width);
        Assert.All(result.Probability.Data.ToArray(), p => Assert.InRange(p, 0f, 1f));
    }
}

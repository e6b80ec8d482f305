using System.Security.Cryptography;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Training;
using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Tests.Training;

public sealed class TrainingSessionTests
{
    private const int Tile = 252;

    private static TrainingOptions Options => new()
    {
        Epochs = 1,
        BaseWidth = 4,
        Groups = 2,
        InputTile = Tile,
        OutputTile = UNetGN.OutputSize(Tile),
        CandidatesPerImage = 4,
        MaxTilesPerImage = 2,
        Workers = 1,
        Seed = 3,
    };

    [Fact]
    public void TrainsTheUNetFromFilesAndRecordsTheDataItUsed()
    {
        using var folder = new TemporaryDirectory();
        var data = MakeDataset(folder.Path);
        var run = Path.Combine(folder.Path, "run");
        var outcome = TrainingSession.Run(new TrainingRequest { DataDirectory = data, RunDirectory = run, Options = Options },
            new ImagingDatasetReader(), null);

        Assert.True(outcome.Completed);
        Assert.Equal(2, File.ReadAllLines(outcome.Files.Log).Length);
        var state = Checkpoint.ReadState(outcome.Files);
        var expected = new[] { "a", "b", "v" }
            .SelectMany(s => new[] { $"photos/{s}.png", $"annotations/{s}.png" })
            .ToDictionary(p => p, p => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(data, p)))));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), state.DataHashes.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.DoesNotContain(state.DataHashes.Keys, k => k.Contains("/t.png", StringComparison.Ordinal));
        if (outcome.BestEpoch is not null)
        {
            using var best = ModelFile.Load(outcome.Files.BestModel);
            Assert.IsType<UNetGN>(best.Network);
            Assert.Equal((4, 2, Tile, 68), (best.Description.BaseWidth, best.Description.Groups,
                best.Description.InputTile, best.Description.OutputTile));
        }
    }

    [Fact]
    public void FineTuningStartsFromTheInitModelsWeightsAndWidth()
    {
        using var folder = new TemporaryDirectory();
        var data = MakeDataset(folder.Path);
        var init = Path.Combine(folder.Path, "init.safetensors");
        RootSeg.Torch.Engine.ManualSeed(77);
        using (var network = new UNetGN(4, 2))
        {
            ModelFile.Save(init, network, new ModelDescription
            {
                Network = NetworkNames.UNetGN, BaseWidth = 4, Groups = 2, InputTile = Tile, OutputTile = 68,
            });
        }
        var observer = new RecordingObserver();
        // A vanishing learning rate leaves the weights where they started, so the checkpoint shows where that was.
        var outcome = TrainingSession.Run(new TrainingRequest
        {
            DataDirectory = data,
            RunDirectory = Path.Combine(folder.Path, "run"),
            Options = Options with { BaseWidth = 8, LearningRate = 1e-30, InitModel = init },
        }, new ImagingDatasetReader(), observer);

        Assert.Contains(observer.Notices, n => n.Contains("width 4", StringComparison.Ordinal));
        var state = Checkpoint.ReadState(outcome.Files);
        Assert.Equal(4, state.Options.BaseWidth);
        Assert.Equal(init, state.Options.InitModel);
        var started = SafetensorsFile.Read(init).Tensors;
        var trained = SafetensorsFile.Read(outcome.Files.Checkpoint).Tensors;
        foreach (var (name, tensor) in started)
        {
            var before = tensor.ToFloatArray();
            var after = trained["model." + name].ToFloatArray();
            // Zero-initialised biases move by about 1e-30; anything else would be a different start.
            Assert.True(before.Zip(after).All(p => Math.Abs(p.First - p.Second) <= 1e-20f),
                $"{name} does not come from the init model");
        }
    }

    [Fact]
    public void AMissingSplitFileSaysHowToMakeOne()
    {
        using var folder = new TemporaryDirectory();
        var data = MakeDataset(folder.Path);
        File.Delete(Path.Combine(data, DatasetSplit.FileName));
        var e = Assert.Throws<FileNotFoundException>(() => TrainingSession.Run(new TrainingRequest
        {
            DataDirectory = data,
            RunDirectory = Path.Combine(folder.Path, "run"),
            Options = Options,
        }, new ImagingDatasetReader(), null));
        Assert.Contains("rootseg split", e.Message);
    }

    private static string MakeDataset(string root)
    {
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(Path.Combine(data, "photos"));
        Directory.CreateDirectory(Path.Combine(data, "annotations"));
        var columns = new Dictionary<string, int> { ["a"] = 40, ["b"] = 60, ["v"] = 50, ["t"] = 30 };
        foreach (var (stem, column) in columns)
        {
            using var image = SyntheticImages.Make(stem, 100, 100, column, 0, 100, seed: (ulong)column);
            ImageFile.Write(Path.Combine(data, "photos", stem + ".png"), image.Photo);
            using var mask = new Raster<byte>(100, 100);
            for (var y = 0; y < 100; y++)
            {
                for (var x = 0; x < 100; x++)
                {
                    mask[x, y] = image.Annotation[x, y] == AnnotationLabels.Root ? (byte)255 : (byte)0;
                }
            }
            ImageFile.Write(Path.Combine(data, "annotations", stem + ".png"), mask);
        }
        new DatasetSplit
        {
            Mode = SplitMode.Random,
            Seed = 1,
            Train = ["a", "b"],
            Validation = ["v"],
            Test = ["t"],
            Excluded = [],
        }.Save(Path.Combine(data, DatasetSplit.FileName));
        return data;
    }
}

using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Tests.Models;

public sealed class ModelFileTests
{
    [Fact]
    public void SaveThenLoadGivesTheSameWeightsAndDescription()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "best.safetensors");
        Engine.ManualSeed(11);
        using var network = TinyNetwork.Create(4, 2);
        var description = TinyNetwork.Describe(4, 2, 12) with
        {
            Epoch = 3,
            Metrics = new Dictionary<string, double> { ["validation_f1"] = 0.5, ["validation_precision"] = double.NaN },
            Seeds = new Dictionary<string, ulong> { ["training"] = 9 },
            DataHashes = new Dictionary<string, string> { ["photos/a.png"] = new string('0', 64) },
        };
        ModelFile.Save(path, network, description);

        using var loaded = ModelFile.Load(path, TinyNetwork.Build);
        Assert.False(loaded.Network.IsTraining);
        Assert.Equal(3, loaded.Description.Epoch);
        Assert.Equal(0.5, loaded.Description.Metrics["validation_f1"]);
        Assert.True(double.IsNaN(loaded.Description.Metrics["validation_precision"]));
        Assert.Equal(9UL, loaded.Description.Seeds["training"]);
        Assert.Equal(12, loaded.Description.InputTile);
        foreach (var (name, tensor) in network.StateDict())
        {
            Assert.Equal(tensor.ToArray<float>(), loaded.Network.StateDict()[name].ToArray<float>());
        }
        var beside = ModelDescription.FromJson(File.ReadAllText(ModelFile.DescriptionPath(path)), "beside");
        Assert.Equal(description.ToJson(), beside.ToJson());
        Assert.Equal(description.ToJson(), ModelFile.ReadDescription(path).ToJson());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void ImportsADataParallelTorchStateDictAndGivesPyTorchsLogits()
    {
        var fixture = TrainerFixture.Load("tiny_dataparallel.json");
        Assert.All(fixture.GetProperty("keys").EnumerateArray(), k => Assert.StartsWith("module.", k.GetString()));
        using var loaded = ModelFile.Load(TrainerFixture.PathOf("tiny_dataparallel.pt"), TinyNetwork.Build, groups: 2);
        Assert.Equal(NetworkNames.UNetGN, loaded.Description.Network);
        Assert.Equal(4, loaded.Description.BaseWidth);
        Assert.Null(loaded.Description.Epoch);
        Assert.Equal("tiny_dataparallel.pt", loaded.Description.Source);

        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        var input = Tensor.FromArray(fixture.GetProperty("input").Floats(), fixture.GetProperty("inputShape").Longs());
        var output = loaded.Network.Forward(input);
        Assert.Equal(fixture.GetProperty("outputShape").Longs(), output.Shape);
        var expected = fixture.GetProperty("output").Floats();
        var actual = output.ToArray<float>();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"logit {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void ImportsThePapersUNetGNFromALegacyTorchPickleAndGivesPyTorchsLogits()
    {
        var fixture = TrainerFixture.Load("unetgn_w4_legacy.json");
        using var loaded = ModelFile.Load(TrainerFixture.PathOf("unetgn_w4_legacy.pkl"), groups: 2);
        Assert.IsType<RootSeg.Segmentation.Networks.UNetGN>(loaded.Network);
        Assert.Equal((4, 2, 572, 388), (loaded.Description.BaseWidth, loaded.Description.Groups,
            loaded.Description.InputTile, loaded.Description.OutputTile));

        var shape = fixture.GetProperty("inputShape").Longs();
        var size = (int)shape[2];
        var input = new float[3 * size * size];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    input[(c * size + y) * size + x] = (float)((7 * x + 13 * y + 29 * c) % 101) / 101f - 0.5f;
                }
            }
        }
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        var output = loaded.Network.Forward(Tensor.FromArray(input, shape));
        Assert.Equal(fixture.GetProperty("outputShape").Longs(), output.Shape);
        var expected = fixture.GetProperty("output").Floats();
        var actual = output.ToArray<float>();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f, $"logit {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void KeysThatDoNotFitAreListed()
    {
        var e = Assert.Throws<WeightFileException>(() =>
            ModelFile.Load(TrainerFixture.PathOf("tiny_dataparallel.pt"), (d, device) =>
                new RootSeg.Torch.Modules.Sequential(new RootSeg.Torch.Modules.Conv2d(3, d.BaseWidth, 3, device: device)), groups: 2));
        Assert.Contains("unexpected keys: 2.bias, 2.weight, 3.bias, 3.weight", e.Message);
        Assert.Contains("tiny_dataparallel.pt", e.Message);
    }

    [Fact]
    public void GroupsThatDoNotDivideTheWidthAreRefused()
    {
        var e = Assert.Throws<WeightFileException>(() =>
            ModelFile.Load(TrainerFixture.PathOf("tiny_dataparallel.pt"), TinyNetwork.Build, groups: 3));
        Assert.Contains("base width 4", e.Message);
    }

    [Fact]
    public void MissingFileAndNewerSchemaAreClearErrors()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "none.safetensors");
        Assert.Contains("does not exist", Assert.Throws<WeightFileException>(() => ModelFile.Load(missing, TinyNetwork.Build)).Message);

        var json = TinyNetwork.Describe(4, 2, 12).ToJson().Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99");
        var e = Assert.Throws<InvalidDataException>(() => ModelDescription.FromJson(json, "m.json"));
        Assert.Contains("m.json", e.Message);
        Assert.Contains("schema version 99", e.Message);
    }

    [Fact]
    public void InconsistentDescriptionsAreRefused()
    {
        var good = TinyNetwork.Describe(4, 2, 12);
        Assert.Throws<InvalidDataException>(() => (good with { Network = "resnet" }).Validate("x"));
        Assert.Throws<InvalidDataException>(() => (good with { Groups = 3 }).Validate("x"));
        Assert.Throws<InvalidDataException>(() => (good with { OutputTile = 11 }).Validate("x"));
        Assert.Throws<InvalidDataException>(() => (good with { Normalisation = "imagenet" }).Validate("x"));
        good.Validate("x");
    }
}

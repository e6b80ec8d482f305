using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Tests.Models;

// Builds networks from torch's default generator, seeded, so never beside another class that does.
[Collection(DefaultGeneratorCollection.Name)]
public sealed class TorchExportTests
{
    [Fact]
    public void ExportedStateDictHoldsTheModelsTensorsBitForBitInOrder()
    {
        using var folder = new TemporaryDirectory();
        var model = Path.Combine(folder.Path, "best.safetensors");
        Engine.ManualSeed(12);
        using var network = TinyNetwork.Create(4, 2);
        ModelFile.Save(model, network, TinyNetwork.Describe(4, 2, 12));
        var pt = Path.Combine(folder.Path, "best.pt");

        var count = TorchExport.Write(model, pt);

        var original = WeightFiles.Read(model);
        var exported = TorchPickleReader.Read(pt);
        Assert.Equal(original.Count, count);
        Assert.Equal(original.Keys, exported.Keys);
        Assert.All(original, pair => Assert.True(pair.Value.ContentEquals(exported[pair.Key]), pair.Key));
    }

    [Fact]
    public void MissingModelIsAWeightFileErrorNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var missing = Path.Combine(folder.Path, "none.safetensors");
        Assert.Contains("none.safetensors", Assert.Throws<WeightFileException>(() => TorchExport.Write(missing, Path.Combine(folder.Path, "x.pt"))).Message);
    }
}

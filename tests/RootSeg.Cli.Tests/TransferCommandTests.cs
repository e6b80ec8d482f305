using System.Text.Json;
using RootSeg.Cli.Commands;

namespace RootSeg.Cli.Tests;

/// <summary>
/// `rootseg train` with the ResNet-18 U-Net: from ImageNet (the transfer recipe) and from scratch, recorded in the
/// model file so that segment and export need no flags; and the usage errors of the encoder options.
/// </summary>
public sealed class TransferCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Dataset()
    {
        var data = _folder["data"];
        Assert.Equal(0, TestFolder.Run(new SynthCommand(), "--out", data, "--count", "5", "--seed", "4", "--width", "96",
            "--height", "96").Code);
        Assert.Equal(0, TestFolder.Run(new SplitCommand(), "--data", data, "--test", "1", "--val", "1").Code);
        return data;
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    [Fact]
    public void TheTransferRecipeStartsFromImageNetAndSegmentAndExportNeedNoFlags()
    {
        var data = Dataset();
        var run = _folder["run"];
        var (code, output, error) = TestFolder.Run(new TrainCommand(), "--data", data, "--out", run, "--recipe", "transfer",
            "--tile", "64", "--margin", "8", "--epochs", "1", "--tiles-per-image", "2", "--threads", "1", "--workers", "1");
        Assert.True(code == 0, error);
        Assert.Contains("trained 1 epochs", output);

        var model = Json(Path.Combine(run, "best.json"));
        Assert.Equal("resnet18-unet", model.GetProperty("network").GetString());
        Assert.Equal(64, model.GetProperty("baseWidth").GetInt32());
        Assert.Equal(48, model.GetProperty("outputTile").GetInt32());
        Assert.StartsWith("imagenet: ResNet18.onnx of Microsoft.ML.DnnImageFeaturizer.ResNet18", model.GetProperty("encoderWeights").GetString());
        Assert.Equal([2, 2, 2, 3], model.GetProperty("encoderBlocks").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal("bgr-0-255-minus-input_mean", model.GetProperty("encoderInput").GetString());
        var options = Json(Path.Combine(run, "checkpoint.json")).GetProperty("options");
        Assert.Equal("transfer", options.GetProperty("recipe").GetString());
        Assert.Equal("imagenet", options.GetProperty("pretrained").GetString());
        Assert.Equal(0.25, options.GetProperty("encoderLearningRateScale").GetDouble());

        var masks = _folder["masks"];
        var segment = TestFolder.Run(new SegmentCommand(), "--model", Path.Combine(run, "best.safetensors"),
            "--in", Path.Combine(data, "photos"), "--out", masks, "--threads", "1");
        Assert.True(segment.Code == 0, segment.Error);
        Assert.Equal(5, Directory.GetFiles(masks, "*.png").Length);

        var pt = _folder["model.pt"];
        var export = TestFolder.Run(new ExportCommand(), "--model", Path.Combine(run, "best.safetensors"), "--pt", pt);
        Assert.True(export.Code == 0, export.Error);
        var exported = RootSeg.Torch.Serialization.TorchPickleReader.Read(pt);
        Assert.Contains("encoder.layer4.2.conv2.weight", exported.Keys);
        Assert.Contains("decoder5.norm2.running_var", exported.Keys);
    }

    [Fact]
    public void TheNetworkFromScratchIsRecordedAsSuch()
    {
        var data = Dataset();
        var run = _folder["scratch"];
        var (code, _, error) = TestFolder.Run(new TrainCommand(), "--data", data, "--out", run, "--recipe", "transfer",
            "--pretrained", "none", "--width", "8", "--tile", "64", "--margin", "8", "--epochs", "1", "--tiles-per-image", "1",
            "--threads", "1", "--workers", "1");
        Assert.True(code == 0, error);
        var model = Json(Path.Combine(run, "best.json"));
        Assert.Equal("none", model.GetProperty("encoderWeights").GetString());
        Assert.Equal(8, model.GetProperty("baseWidth").GetInt32());
        var options = Json(Path.Combine(run, "checkpoint.json")).GetProperty("options");
        // Everything else is the recipe's.
        Assert.Equal(0.25, options.GetProperty("encoderLearningRateScale").GetDouble());
        Assert.Equal("poly", options.GetProperty("schedule").GetString());
        Assert.Equal("adamw", options.GetProperty("optimizer").GetString());
    }

    [Theory]
    [InlineData("--recipe fast --pretrained imagenet", "apply to resnet18-unet only")]
    [InlineData("--network resnet18-unet --width 32", "ImageNet weights need the ResNet-18 width 64")]
    [InlineData("--network resnet18-unet --tile 560", "must be a multiple of 32")]
    [InlineData("--network resnet18-unet --depth 3", "apply to unet-same")]
    [InlineData("--recipe transfer --encoder-norm loose", "--encoder-norm must be frozen or trained")]
    [InlineData("--recipe transfer --pretrained coco", "--pretrained must be one of none, imagenet")]
    [InlineData("--recipe transfer --frozen-stages 6", "--frozen-stages")]
    public void EncoderOptionsOutOfPlaceAreUsageErrors(string arguments, string message)
    {
        var data = Dataset();
        string[] args = ["--data", data, "--out", _folder["bad"], .. arguments.Split(' ')];
        var e = Assert.Throws<UsageException>(() => TestFolder.Run(new TrainCommand(), args));
        Assert.Contains(message, e.Message);
        Assert.False(Directory.Exists(_folder["bad"]) && Directory.EnumerateFileSystemEntries(_folder["bad"]).Any());
    }

    [Fact]
    public void EncoderOptionsCannotChangeOnResume()
    {
        var data = Dataset();
        var e = Assert.Throws<UsageException>(() => TestFolder.Run(new TrainCommand(), "--data", data, "--out", _folder["r"],
            "--resume", "--encoder-lr-scale", "0.5"));
        Assert.Contains("--encoder-lr-scale cannot change on --resume", e.Message);
    }
}

using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;
using RootSeg.Torch.Serialization.Onnx;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// The ImageNet ResNet-18 that ships with RootSeg (Microsoft.ML.DnnImageFeaturizer.ResNet18's ResNet18.onnx, copied
/// beside the test assembly by the build) read by RootSeg's ONNX reader and loaded into <see cref="ResNetEncoder"/>,
/// against ONNX Runtime on the same file and input.
/// </summary>
public sealed class ImageNetEncoderTests
{
    // The file's values at strides 2, 4, 8, 16 and 32: the stem's ReLU and the ReLU that ends each stage.
    private static readonly string[] s_featureValues =
        ["ReLU253_Output_0", "ReLU283_Output_0", "ReLU315_Output_0", "ReLU347_Output_0", "ReLU393_Output_0"];

    // float32 sums over up to 4608 products in another order (oneDNN against ONNX Runtime's MLAS), through 22 layers.
    private const double Tolerance = 1e-4;

    private static Tensor TileInput(ulong seed) => Tensor.Rand([1, 3, 224, 224], seed).Sub(0.5);

    // What the encoder feeds its first convolution: BGR, 0-255, minus the per-channel ImageNet means.
    private static Tensor Preprocessed(Tensor tile)
    {
        using var scope = TensorScope.Enter();
        using var mean = Tensor.FromArray([.. ResNetEncoder.ImageNetMeanBgr], [1, 3, 1, 1]);
        return scope.Keep(tile.Flip(1).Add(0.5).Mul(255).Sub(mean));
    }

    [Fact]
    public void TheReaderRunsTheWholeGraphAsOnnxRuntimeDoes()
    {
        using var scope = TensorScope.Enter();
        using var model = OnnxModel.Read(ImageNetResNet18.DefaultPath);
        Assert.Equal(8, model.Opset);
        Assert.StartsWith("CNTK", model.Producer);
        var input = Preprocessed(TileInput(7));
        string[] wanted = [.. s_featureValues, model.Outputs[0].Name];
        var expected = OnnxRuntimeReference.Run(ImageNetResNet18.DefaultPath, model.Inputs[0].Name, input, wanted);
        var actual = model.Run(new Dictionary<string, Tensor> { [model.Inputs[0].Name] = input }, wanted);
        foreach (var name in wanted)
        {
            using var value = actual[name];
            Assert.Equal(expected[name].Shape, value.Shape);
            var error = OnnxRuntimeReference.RelativeError(expected[name].Data, value);
            Assert.True(error <= Tolerance, $"{name}: relative error {error:E2}");
        }
    }

    [Fact]
    public void ThePretrainedEncoderGivesOnnxRuntimesFeaturesAtEveryStride()
    {
        using var scope = TensorScope.Enter();
        using var encoder = new ResNetEncoder(ImageNetResNet18.Width, ImageNetResNet18.Blocks);
        ImageNetResNet18.LoadInto(encoder);
        encoder.Eval();
        var tile = TileInput(11);
        using var noGrad = NoGradScope.Enter();
        var features = encoder.Features(tile);
        using var model = OnnxModel.Read(ImageNetResNet18.DefaultPath);
        var expected = OnnxRuntimeReference.Run(ImageNetResNet18.DefaultPath, model.Inputs[0].Name, Preprocessed(tile), s_featureValues);
        for (var i = 0; i < features.Length; i++)
        {
            var (shape, data) = expected[s_featureValues[i]];
            Assert.Equal(shape, features[i].Shape);
            Assert.Equal(224 >> (i + 1), features[i].Size(2));
            var error = OnnxRuntimeReference.RelativeError(data, features[i]);
            Assert.True(error <= Tolerance, $"stride {2 << i}: relative error {error:E2}");
            features[i].Dispose();
        }
    }

    [Fact]
    public void ThePreprocessingGraphRunsAsOnnxRuntimeDoesAndItsMeansAreTheEncoders()
    {
        using var scope = TensorScope.Enter();
        using var model = OnnxModel.Read(ImageNetResNet18.DefaultPreprocessPath);
        var input = Tensor.Rand([1, 3, 224, 224], 3).Mul(255);
        var output = model.Outputs[0].Name;
        var expected = OnnxRuntimeReference.Run(ImageNetResNet18.DefaultPreprocessPath, model.Inputs[0].Name, input, [output]);
        using var actual = model.Run(new Dictionary<string, Tensor> { [model.Inputs[0].Name] = input })[output];
        Assert.True(OnnxRuntimeReference.RelativeError(expected[output].Data, actual) <= 1e-6);

        var means = ImageNetResNet18.MeanBgr();
        Assert.Equal(3, means.Length);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(means[c], ResNetEncoder.ImageNetMeanBgr[c], 1e-4);
        }
    }

    [Fact]
    public void ImageNetWeightsRefuseAnEncoderOfAnotherShape()
    {
        using var narrow = new ResNetEncoder(32, ImageNetResNet18.Blocks);
        Assert.Throws<ArgumentException>(() => ImageNetResNet18.LoadInto(narrow));
        using var plain = new ResNetEncoder(64, [2, 2, 2, 2]);
        Assert.Throws<ArgumentException>(() => ImageNetResNet18.LoadInto(plain));
        using var encoder = new ResNetEncoder(64, ImageNetResNet18.Blocks);
        var missing = Path.Combine(Path.GetTempPath(), $"rootseg-missing-{Guid.NewGuid():N}.onnx");
        var e = Assert.Throws<WeightFileException>(() => ImageNetResNet18.LoadInto(encoder, missing));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void TheOriginNamesTheFileAndItsHash()
    {
        var origin = ImageNetResNet18.Origin();
        Assert.StartsWith("imagenet: ResNet18.onnx of Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0", origin);
        Assert.Matches("SHA-256 [0-9a-f]{64}$", origin);
    }
}

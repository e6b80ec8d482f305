using RootSeg.Torch.Serialization;
using RootSeg.Torch.Serialization.Onnx;

namespace RootSeg.Torch.Tests.Serialization;

/// <summary>
/// The ONNX reader on small graphs made here: what it refuses (one error naming the file and the problem) and how
/// it runs the padding forms that ResNet exports use. (The whole ImageNet ResNet-18 is compared with ONNX Runtime in
/// RootSeg.Segmentation.Tests.)
/// </summary>
public sealed class OnnxModelTests : LeakCheckedTest
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rootseg-onnx-").FullName;

    public override void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        base.Dispose();
    }

    [Fact]
    public void AnUnsupportedOperatorIsOneErrorNamingTheFileTheNodeAndTheOperator()
    {
        var path = new OnnxGraphBuilder().Input("x", 1, 3).Output("y")
            .Node("Relu", "first", ["x"], ["r"])
            .Node("Softmax", "probabilities", ["r"], ["y"])
            .Write(_folder);
        var e = Assert.Throws<WeightFileException>(() => OnnxModel.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("node 'probabilities' uses the ONNX operator 'Softmax', which RootSeg does not run", e.Message);
        Assert.Contains("Conv", e.Problem);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnxOrIsMissingIsRefusedWithItsName()
    {
        var garbage = Path.Combine(_folder, "garbage.onnx");
        File.WriteAllBytes(garbage, [0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]);
        Assert.Contains("is not an ONNX model", Assert.Throws<WeightFileException>(() => OnnxModel.Read(garbage)).Message);
        var missing = Path.Combine(_folder, "missing.onnx");
        Assert.Equal(missing + ": does not exist", Assert.Throws<WeightFileException>(() => OnnxModel.Read(missing)).Message);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    public void AnOpsetOutsideSevenToSeventeenIsRefused(long opset)
    {
        var path = new OnnxGraphBuilder(opset).Input("x", 1).Output("y").Node("Relu", "r", ["x"], ["y"]).Write(_folder);
        Assert.Contains($"opset {opset}", Assert.Throws<WeightFileException>(() => OnnxModel.Read(path)).Message);
    }

    [Fact]
    public void UnequalPaddingPadsBeforeAndAfterAsTheSpecificationSays()
    {
        // A 1x1 kernel of ones with pads [top 1, left 2, bottom 0, right 1]: the output is the input with one zero
        // row above, two zero columns left and one right; max pooling with the same pads fills them with -inf.
        var path = new OnnxGraphBuilder().Input("x", 1, 1, 2, 3).Output("c").Output("m")
            .Initializer("w", [1f], 1, 1, 1, 1)
            .Node("Conv", "conv", ["x", "w"], ["c"], OnnxGraphBuilder.Ints("pads", 1, 2, 0, 1))
            .Node("MaxPool", "pool", ["x"], ["m"], OnnxGraphBuilder.Ints("kernel_shape", 1, 1), OnnxGraphBuilder.Ints("pads", 1, 2, 0, 1))
            .Write(_folder);
        using var model = OnnxModel.Read(path);
        using var scope = TensorScope.Enter();
        var x = Tensor.FromArray([1f, 2, 3, 4, 5, 6], [1, 1, 2, 3]);
        var result = model.Run(new Dictionary<string, Tensor> { ["x"] = x });
        using var conv = result["c"];
        using var pool = result["m"];
        Assert.Equal(new long[] { 1, 1, 3, 6 }, conv.Shape);
        Assert.Equal(new[] { 0f, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 0 }, conv.ToArray<float>());
        var pooled = pool.ToArray<float>();
        Assert.True(float.IsNegativeInfinity(pooled[0]) && float.IsNegativeInfinity(pooled[7]) && float.IsNegativeInfinity(pooled[11]));
        Assert.Equal(new[] { 1f, 2, 3 }, pooled[8..11]);
    }

    [Fact]
    public void SplitConcatSubAndAnIntermediateValueCanBeAskedFor()
    {
        // The preprocessing graph's form: split RGB, concatenate as BGR, subtract a mean.
        var path = new OnnxGraphBuilder(8).Input("rgb", 1, 3, 1, 2).Output("out")
            .Initializer("mean", [1f, 2, 3, 4, 5, 6], 1, 3, 1, 2)
            .Node("Split", "split", ["rgb"], ["r", "g", "b"], OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Ints("split", 1, 1, 1))
            .Node("Concat", "concat", ["b", "g", "r"], ["bgr"], OnnxGraphBuilder.Int("axis", 1))
            .Node("Sub", "sub", ["bgr", "mean"], ["out"])
            .Write(_folder);
        using var model = OnnxModel.Read(path);
        Assert.Equal(["rgb"], model.Inputs.Select(i => i.Name));
        Assert.Equal(new long?[] { 1, 3, 1, 2 }, model.Inputs[0].Shape);
        Assert.Equal(["Split", "Concat", "Sub"], model.Nodes.Select(n => n.OpType));
        using var scope = TensorScope.Enter();
        var rgb = Tensor.FromArray([10f, 11, 20, 21, 30, 31], [1, 3, 1, 2]);
        var result = model.Run(new Dictionary<string, Tensor> { ["rgb"] = rgb }, ["out", "bgr"]);
        using var output = result["out"];
        using var bgr = result["bgr"];
        Assert.Equal(new[] { 30f, 31, 20, 21, 10, 11 }, bgr.ToArray<float>());
        Assert.Equal(new[] { 29f, 29, 17, 17, 5, 5 }, output.ToArray<float>());
        Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor>()));
        Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor> { ["rgb"] = rgb }, ["nothing"]));
    }

    [Fact]
    public void AnAttributeOutsideWhatRunsIsAnErrorNamingTheNode()
    {
        var path = new OnnxGraphBuilder().Input("x", 1, 1, 4, 4).Output("y")
            .Node("MaxPool", "pool3d", ["x"], ["y"], OnnxGraphBuilder.Ints("kernel_shape", 2, 2, 2))
            .Write(_folder);
        using var model = OnnxModel.Read(path);
        using var scope = TensorScope.Enter();
        var x = Tensor.Zeros([1, 1, 4, 4]);
        var e = Assert.Throws<WeightFileException>(() => model.Run(new Dictionary<string, Tensor> { ["x"] = x }));
        Assert.Contains("node 'pool3d' (MaxPool): kernel_shape [2, 2, 2]", e.Message);
    }
}

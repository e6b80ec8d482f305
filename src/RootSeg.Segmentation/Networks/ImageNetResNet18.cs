using System.Security.Cryptography;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;
using RootSeg.Torch.Serialization.Onnx;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// The ImageNet-trained ResNet-18 (He et al. 2016, doi:10.1109/CVPR.2016.90) that ships with the NuGet package
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 (MIT licence; a CNTK export in ONNX opset 8) and is copied beside
/// RootSeg's assemblies at build time, so that no download is needed at run time. Its preprocessing graph takes RGB
/// in 0-255, reorders it to BGR and subtracts a 224x224 mean image; <see cref="ResNetEncoder"/> does the same with
/// that image's per-channel means.
/// </summary>
public static class ImageNetResNet18
{
    /// <summary>The package the weights come from.</summary>
    public const string Package = "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0";

    /// <summary>The encoder width of ResNet-18.</summary>
    public const int Width = 64;

    /// <summary>
    /// Blocks per stage of this ResNet-18: 2, 2, 2 and 3. The CNTK model has one basic block more in its last stage
    /// than He et al.'s Table 1 (22 convolutions, 9 residual additions); the encoder follows the file.
    /// </summary>
    public static IReadOnlyList<int> Blocks { get; } = [2, 2, 2, 3];

    /// <summary>Where the build puts the weights: DnnImageModels/ResNet18Onnx/ResNet18.onnx beside the assemblies.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The preprocessing graph beside it (DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx).</summary>
    public static string DefaultPreprocessPath =>
        Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>
    /// Copies the ImageNet weights into <paramref name="encoder"/> (every convolution and batch norm; the running
    /// statistics included; the batch counters left as they are).
    /// </summary>
    /// <param name="encoder">A <see cref="ResNetEncoder"/> of width 64 and <see cref="Blocks"/>; its tensors are overwritten.</param>
    /// <param name="path">The ONNX file; <see cref="DefaultPath"/> when null.</param>
    /// <exception cref="ArgumentException">The encoder's width is not 64.</exception>
    /// <exception cref="WeightFileException">The file is missing, unreadable or not such a ResNet-18.</exception>
    public static void LoadInto(ResNetEncoder encoder, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (encoder.Width != Width || !encoder.Blocks.SequenceEqual(Blocks))
        {
            throw new ArgumentException($"ImageNet weights fit a ResNet encoder of width {Width} with [{string.Join(", ", Blocks)}] " +
                                        $"blocks, not {encoder.Width} with [{string.Join(", ", encoder.Blocks)}]", nameof(encoder));
        }
        var file = Existing(path);
        using var model = OnnxModel.Read(file);
        var (mapped, blocks) = ResNetOnnxWeights.Map(model);
        if (!blocks.SequenceEqual(Blocks))
        {
            throw new WeightFileException(file, $"has [{string.Join(", ", blocks)}] residual blocks per stage, not [{string.Join(", ", Blocks)}]");
        }
        var weights = mapped.ToDictionary(w => w.Name, w => w.Value, StringComparer.Ordinal);
        var expected = encoder.StateDict().Keys.Where(k => !k.EndsWith("num_batches_tracked", StringComparison.Ordinal) && k != "input_mean");
        var missing = expected.Where(k => !weights.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new WeightFileException(file, $"gives no value for the encoder's {string.Join(", ", missing.Take(5))}");
        }
        try
        {
            encoder.LoadStateDict(weights, strict: false);
        }
        catch (ArgumentException e)
        {
            throw new WeightFileException(file, $"does not fit a ResNet-18 encoder: {e.Message}", e);
        }
    }

    /// <summary>Where the weights come from, for model files: "imagenet: FILE of PACKAGE (CNTK export), SHA-256 HEX".</summary>
    /// <param name="path">The ONNX file; <see cref="DefaultPath"/> when null.</param>
    /// <exception cref="WeightFileException">The file is missing.</exception>
    public static string Origin(string? path = null)
    {
        var file = Existing(path);
        using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return $"imagenet: {Path.GetFileName(file)} of {Package} (CNTK export), SHA-256 {hash}";
    }

    private static string Existing(string? path)
    {
        var file = path ?? DefaultPath;
        return File.Exists(file)
            ? file
            : throw new WeightFileException(file,
                $"does not exist; it comes with the NuGet package {Package}, which the build copies beside RootSeg's assemblies");
    }

    /// <summary>
    /// The per-channel means (B, G, R) of the mean image in the package's preprocessing graph, which
    /// <see cref="ResNetEncoder.ImageNetMeanBgr"/> holds.
    /// </summary>
    /// <param name="path">ResNetPreprocess.onnx; <see cref="DefaultPreprocessPath"/> when null.</param>
    /// <exception cref="WeightFileException">The file is missing or holds no 3-channel "MeanImage".</exception>
    public static double[] MeanBgr(string? path = null)
    {
        var file = path ?? DefaultPreprocessPath;
        using var model = OnnxModel.Read(file);
        if (!model.Initializers.TryGetValue("MeanImage", out var image) || image.Dimensions != 4 || image.Size(1) != 3)
        {
            throw new WeightFileException(file, "holds no (1, 3, H, W) initializer called MeanImage");
        }
        using var scope = TensorScope.Enter();
        using var means = image.To(ScalarType.Float64).Mean([0, 2, 3]);
        return means.ToArray<double>();
    }
}

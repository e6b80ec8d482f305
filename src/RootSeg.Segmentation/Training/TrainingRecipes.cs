using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Named sets of training options. <see cref="Paper"/> is Smith et al. 2020 (doi:10.1186/s13007-020-00563-0),
/// frozen: the same network, optimiser, schedule and tiles, bit for bit. <see cref="Fast"/> converges in far fewer
/// steps: a same-padded U-Net with batch norm (no 2.2x context overhead per tile) of width 8 and depth 5, the shape
/// of SegRoot-8,5 (Wang et al. 2019) and the best measured per CPU-minute on the segroot photos, AdamW (Loshchilov and Hutter 2019,
/// arXiv:1711.05101) with a short linear warm-up and nnU-Net's polynomial decay (Isensee et al. 2021,
/// doi:10.1038/s41592-020-01008-z) over the planned epochs, and a root-probability threshold chosen on the validation
/// images, with kernels and batches in channels-last order and bfloat16 autocast where the processor has bfloat16
/// instructions. <see cref="Transfer"/> trains the same way a U-Net whose ResNet-18 encoder starts from ImageNet
/// (transfer learning; Yosinski et al. 2014, arXiv:1411.1792), the encoder at a quarter of the decoder's rate with its
/// batch-norm statistics learning, 12 tiles per photo and epoch so that epochs (and validation) come every few
/// minutes, and more per photo where there are fewer than ten, so that an epoch has at least 120. All three use the
/// paper's loss, sampling and augmentation.
/// </summary>
public static class TrainingRecipes
{
    /// <summary>The paper's recipe.</summary>
    public const string Paper = "paper";

    /// <summary>The fast-converging recipe.</summary>
    public const string Fast = "fast";

    /// <summary>The transfer-learning recipe: a ResNet-18 U-Net whose encoder starts from ImageNet.</summary>
    public const string Transfer = "transfer";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [Paper, Fast, Transfer];

    /// <summary>The options of a recipe, for the caller to adjust with <c>with</c>.</summary>
    /// <param name="name">A recipe name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The name is unknown.</exception>
    public static TrainingOptions Get(string name) => name switch
    {
        Paper => new TrainingOptions(),
        Fast => new TrainingOptions
        {
            Recipe = Fast,
            Network = NetworkNames.UNetSame,
            BaseWidth = 8,
            Depth = 5,
            Norm = NormKind.Batch,
            Groups = 1,
            InputTile = 576,
            OutputTile = 512,
            Optimizer = OptimizerNames.AdamW,
            LearningRate = 2e-3,
            WeightDecay = 1e-2,
            Momentum = 0,
            Nesterov = false,
            Schedule = ScheduleNames.Poly,
            WarmupSteps = 50,
            TuneThreshold = true,
            ChannelsLast = true,
            Precision = ComputePrecision.BFloat16,
        },
        Transfer => Get(Fast) with
        {
            Recipe = Transfer,
            Network = NetworkNames.ResNet18UNet,
            BaseWidth = Networks.ImageNetResNet18.Width,
            Depth = 5,
            Norm = NormKind.Batch,
            Groups = 1,
            Pretrained = PretrainedNames.ImageNet,
            EncoderLearningRateScale = 0.25,
            MaxTilesPerImage = 12,
            // With 3 photos, 12 tiles each made 36-tile epochs, and validating on the 13 validation photos took two
            // thirds of a 15-minute run; 40 each gave test F1 0.505 instead of 0.483 (segroot, seed 1, Zen 4).
            MinTilesPerEpoch = 120,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown recipe (known: {string.Join(", ", All)})"),
    };

    /// <summary>
    /// The options of a recipe for training on <paramref name="device"/>: as <see cref="Get"/>, except that a recipe's
    /// bfloat16 becomes float32 where the device would only emulate it (a CPU without AVX-512 BF16 or AMX).
    /// </summary>
    /// <param name="name">A recipe name.</param>
    /// <param name="device">Where the run trains.</param>
    /// <exception cref="ArgumentOutOfRangeException">The name is unknown.</exception>
    public static TrainingOptions For(string name, Device device)
    {
        var options = Get(name);
        return options.Precision == ComputePrecision.BFloat16 && !ProcessorFeatures.RunsBFloat16Fast(device)
            ? options with { Precision = ComputePrecision.Float32 }
            : options;
    }
}

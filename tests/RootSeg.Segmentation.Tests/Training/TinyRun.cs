using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Models;
using RootSeg.Segmentation.Training;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Tests.Training;

/// <summary>
/// A training run small enough for a unit test: two 48x48 synthetic training images and one validation image,
/// 24-pixel input tiles, a 4-channel <see cref="TinyNetwork"/> and masked cross-entropy.
/// </summary>
internal sealed class TinyRun : IDisposable
{
    public const int InputTile = 24;

    public TinyRun()
    {
        Data = new TrainingData(
            [SyntheticImages.Make("a", 48, 48, 20, 0, 48, seed: 1), SyntheticImages.Make("b", 48, 48, 30, 5, 40, seed: 2)],
            [SyntheticImages.Make("v", 40, 40, 18, 0, 40, seed: 3)],
            new Dictionary<string, string> { ["photos/a.png"] = "aa", ["photos/b.png"] = "bb", ["photos/v.png"] = "vv" });
    }

    public TrainingData Data { get; }

    public static TrainingOptions Options => new()
    {
        Epochs = 2,
        BatchSize = 2,
        ValidationBatchSize = 3,
        BaseWidth = 4,
        Groups = 2,
        InputTile = InputTile,
        OutputTile = InputTile - 2,
        CandidatesPerImage = 8,
        MaxTilesPerImage = 3,
        Workers = 1,
        Seed = 5,
    };

    public static ModelDescription Description => TinyNetwork.Describe(4, 2, InputTile);

    /// <summary>The paper's recipe on the tiny run (<see cref="Options"/>).</summary>
    public const string PaperVariant = "paper";

    /// <summary>AdamW with warm-up and poly decay on the tiny network.</summary>
    public const string AdamWVariant = "adamw-poly";

    /// <summary>The fast recipe's optimiser and schedule on a one-pooling UNetSame with batch norm.</summary>
    public const string UNetSameVariant = "unet-same";

    /// <summary>The fast recipe's arithmetic on <see cref="UNetSameVariant"/>: channels-last, bfloat16 autocast and a
    /// tuned threshold.</summary>
    public const string FastVariant = "fast";

    /// <summary><see cref="FastVariant"/> with the tiles augmented on the device.</summary>
    public const string DeviceAugmentationVariant = "device-augmentation";

    /// <summary>
    /// The transfer recipe's fine-tuning on a small ResNet U-Net (width 8, one block per stage, 32 -> 24 tiles): the
    /// encoder at a quarter of the rate, its batch-norm statistics and its stem frozen.
    /// </summary>
    public const string TransferVariant = "transfer";

    /// <summary>The input tile of <see cref="TransferVariant"/>, a multiple of the encoder's stride 32.</summary>
    public const int TransferTile = 32;

    /// <summary>The options of a variant of the tiny run.</summary>
    public static TrainingOptions OptionsFor(string variant) => variant switch
    {
        PaperVariant => Options,
        AdamWVariant => Options with
        {
            Optimizer = OptimizerNames.AdamW,
            Schedule = ScheduleNames.Poly,
            WarmupSteps = 2,
            LearningRate = 1e-2,
            WeightDecay = 1e-2,
            Momentum = 0,
            Nesterov = false,
        },
        UNetSameVariant => OptionsFor(AdamWVariant) with
        {
            Network = NetworkNames.UNetSame,
            Depth = 1,
            Norm = NormKind.Batch,
            Groups = 1,
            Schedule = ScheduleNames.Cosine,
        },
        FastVariant => OptionsFor(UNetSameVariant) with
        {
            ChannelsLast = true,
            Precision = ComputePrecision.BFloat16,
            TuneThreshold = true,
        },
        DeviceAugmentationVariant => OptionsFor(FastVariant) with { AugmentOnDevice = true },
        TransferVariant => OptionsFor(FastVariant) with
        {
            Network = NetworkNames.ResNet18UNet,
            BaseWidth = 8,
            InputTile = TransferTile,
            OutputTile = TransferTile - 8,
            EncoderLearningRateScale = 0.25,
            FreezeEncoderNorm = true,
            FrozenEncoderStages = 1,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
    };

    /// <summary>A freshly initialised network; the same weights for the same seed.</summary>
    public static Module Network(ulong seed = 5)
    {
        Engine.ManualSeed(seed);
        return TinyNetwork.Create(4, 2);
    }

    /// <summary>A freshly initialised network of a variant; the same weights for the same seed.</summary>
    public static Module Network(string variant, ulong seed = 5)
    {
        if (variant is not (UNetSameVariant or FastVariant or DeviceAugmentationVariant or TransferVariant))
        {
            return Network(seed);
        }
        Engine.ManualSeed(seed);
        if (variant == TransferVariant)
        {
            return new ResNetUNet(8, [1, 1, 1, 1], margin: 4);
        }
        return new UNetSame(4, 1, NormKind.Batch, 1, residual: false, margin: 1);
    }

    public static Tensor MaskedCrossEntropy(Tensor logits, Tensor target, Tensor labelled)
    {
        using var scope = TensorScope.Enter();
        return scope.Keep(Functional.MaskedCrossEntropy(logits, target, labelled.To(ScalarType.Float32)));
    }

    public static Dictionary<string, float[]> Weights(Module network) =>
        network.StateDict().ToDictionary(p => p.Key, p => Floats(p.Value));

    // Batch norm's step counter is int64; every other entry float32.
    private static float[] Floats(Tensor tensor)
    {
        using var asFloat = tensor.To(ScalarType.Float32);
        return asFloat.ToArray<float>();
    }

    public void Dispose()
    {
        foreach (var image in Data.Train.Concat(Data.Validation))
        {
            image.Dispose();
        }
    }
}

/// <summary>Records progress and cancels after a chosen step (batch -1: the epoch's last).</summary>
internal sealed class RecordingObserver(CancellationTokenSource? cancel = null, int cancelEpoch = 0, int cancelBatch = 0)
    : ITrainingObserver
{
    public List<StepReport> Steps { get; } = [];

    public List<EpochRecord> Epochs { get; } = [];

    public List<string> Notices { get; } = [];

    public void OnStep(StepReport report)
    {
        Steps.Add(report);
        if (report.Epoch == cancelEpoch && report.Batch == (cancelBatch < 0 ? report.Batches : cancelBatch))
        {
            cancel?.Cancel();
        }
    }

    public void OnEpoch(EpochRecord record, bool isBest) => Epochs.Add(record);

    public void OnNotice(string message) => Notices.Add(message);
}

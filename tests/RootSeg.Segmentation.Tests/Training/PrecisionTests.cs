using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Training;

/// <summary>
/// Training in bfloat16 (<c>--precision bf16</c>, the fast recipe's on processors with bfloat16 instructions): the
/// network runs under autocast, so its updates differ from float32 ones by rounding, while the loss and the counts
/// stay those of the same tiles; the precision is stored with the run's options.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
[Trait("Category", "ProcessorDependent")]
public sealed class PrecisionTests
{
    [Fact]
    public void BFloat16TrainingRoundsDifferentlyButLearnsTheSameTiles()
    {
        using var run = new TinyRun();
        var fast = TinyRun.OptionsFor(TinyRun.FastVariant) with { Epochs = 1 };
        var results = new List<(RecordingObserver Observer, Dictionary<string, float[]> Weights)>();
        foreach (var precision in new[] { ComputePrecision.Float32, ComputePrecision.BFloat16 })
        {
            using var folder = new TemporaryDirectory();
            using var network = TinyRun.Network(TinyRun.FastVariant);
            var observer = new RecordingObserver();
            var options = fast with { Precision = precision };
            Assert.True(new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
                .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false).Completed);
            Assert.Equal(precision, Checkpoint.ReadState(new RunFiles(folder.Path)).Options.Precision);
            results.Add((observer, TinyRun.Weights(network)));
        }

        var (single, half) = (results[0], results[1]);
        Assert.Equal(single.Observer.Steps.Count, half.Observer.Steps.Count);
        Assert.Equal(single.Observer.Epochs[0].Train.Counts.Total, half.Observer.Epochs[0].Train.Counts.Total);
        foreach (var (a, b) in single.Observer.Steps.Zip(half.Observer.Steps))
        {
            // bfloat16 keeps 8 bits of mantissa: the losses of the same batches agree to a few percent.
            Assert.True(Math.Abs(a.Loss - b.Loss) <= 0.05 * Math.Abs(a.Loss), $"step {a.Batch}: {b.Loss} in bf16, {a.Loss} in fp32");
        }
        Assert.Contains(single.Weights, w => !w.Value.SequenceEqual(half.Weights[w.Key]));
    }

    [Fact]
    public void TheFastRecipeTrainsInBFloat16WhereTheDeviceRunsItFast()
    {
        Assert.Equal(ComputePrecision.Float32, TrainingRecipes.For(TrainingRecipes.Paper, Device.Cpu).Precision);
        Assert.Equal(ComputePrecision.BFloat16, TrainingRecipes.Get(TrainingRecipes.Fast).Precision);
        Assert.Equal(ProcessorFeatures.HasBFloat16 ? ComputePrecision.BFloat16 : ComputePrecision.Float32,
            TrainingRecipes.For(TrainingRecipes.Fast, Device.Cpu).Precision);
        Assert.Equal(ComputePrecision.BFloat16, TrainingRecipes.For(TrainingRecipes.Fast, Device.Parse("cuda")).Precision);
        Assert.Equal(TrainingRecipes.Get(TrainingRecipes.Fast) with { Precision = ComputePrecision.Float32 },
            TrainingRecipes.For(TrainingRecipes.Fast, Device.Cpu) with { Precision = ComputePrecision.Float32 });
    }

    [Fact]
    public void ThePrecisionIsWrittenByNameInTheCheckpoint()
    {
        var state = new CheckpointState
        {
            Options = TinyRun.Options with { Precision = ComputePrecision.BFloat16 },
            CompletedEpochs = 0,
            LearningRate = 0.01,
            SchedulerEpoch = 0,
            Threads = 1,
            Device = "cpu",
            TorchVersion = "1.13.0",
            RootSegVersion = "test",
            DataHashes = new Dictionary<string, string>(),
        };
        var json = state.ToJson();
        Assert.Contains("\"precision\": \"BFloat16\"", json, StringComparison.Ordinal);
        Assert.Equal(ComputePrecision.BFloat16, CheckpointState.FromJson(json, "test").Options.Precision);
    }
}

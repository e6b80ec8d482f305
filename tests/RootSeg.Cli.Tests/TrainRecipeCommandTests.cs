using System.Text.Json;
using RootSeg.Cli.Commands;
using RootSeg.Torch;

namespace RootSeg.Cli.Tests;

/// <summary>`rootseg train --recipe`, the unet-same network end to end, and the default group count.</summary>
public sealed class TrainRecipeCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Dataset()
    {
        var data = _folder["data"];
        Assert.Equal(0, TestFolder.Run(new SynthCommand(), "--out", data, "--count", "6", "--seed", "3", "--width", "96",
            "--height", "96").Code);
        Assert.Equal(0, TestFolder.Run(new SplitCommand(), "--data", data, "--test", "1", "--val", "1").Code);
        return data;
    }

    /// <summary>The fast recipe trains in bf16 only where the processor has it (so never with the emulation note).</summary>
    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void FastRecipeTrainsAUNetSameThatSegmentReadsWithoutFlags()
    {
        var data = Dataset();
        var run = _folder["run"];
        var (code, output, error) = TestFolder.Run(new TrainCommand(), "--data", data, "--out", run, "--recipe", "fast",
            "--width", "4", "--depth", "2", "--tile", "64", "--margin", "8", "--epochs", "2", "--tiles-per-image", "2",
            "--threads", "1", "--workers", "1");
        Assert.True(code == 0, error);
        Assert.Contains("trained 2 epochs", output);

        using var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "best.json")));
        var model = description.RootElement;
        Assert.Equal("unet-same", model.GetProperty("network").GetString());
        Assert.Equal(2, model.GetProperty("depth").GetInt32());
        Assert.Equal("batch", model.GetProperty("norm").GetString());
        Assert.Equal(64, model.GetProperty("inputTile").GetInt32());
        Assert.Equal(48, model.GetProperty("outputTile").GetInt32());
        using var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "checkpoint.json")));
        var options = checkpoint.RootElement.GetProperty("options");
        Assert.Equal("fast", options.GetProperty("recipe").GetString());
        Assert.Equal("adamw", options.GetProperty("optimizer").GetString());
        Assert.Equal("poly", options.GetProperty("schedule").GetString());
        Assert.Equal(ProcessorFeatures.HasBFloat16 ? "BFloat16" : "Float32", options.GetProperty("precision").GetString());
        Assert.DoesNotContain("emulated", error, StringComparison.Ordinal);

        var masks = _folder["masks"];
        var segment = TestFolder.Run(new SegmentCommand(), "--model", Path.Combine(run, "best.safetensors"),
            "--in", Path.Combine(data, "photos"), "--out", masks, "--threads", "1");
        Assert.True(segment.Code == 0, segment.Error);
        Assert.Equal(6, Directory.GetFiles(masks, "*.png").Length);
        // The fast recipe chose a threshold on the validation photo; segment used it.
        var chosen = model.GetProperty("threshold").GetDouble();
        Assert.InRange(chosen, 0.3, 0.9);
        var manifest = File.ReadAllText(Path.Combine(masks, "rootseg-manifest.json"));
        Assert.Contains(chosen.ToString("R", System.Globalization.CultureInfo.InvariantCulture), manifest);
    }

    /// <summary>bf16 asked for trains in bf16 on any CPU, with one line where the processor only emulates it.</summary>
    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void Bf16AskedForRunsAndSaysWhereItIsEmulated()
    {
        var data = Dataset();
        var run = _folder["run"];
        var (code, _, error) = TestFolder.Run(new TrainCommand(), "--data", data, "--out", run, "--recipe", "fast",
            "--width", "4", "--depth", "2", "--tile", "64", "--margin", "8", "--epochs", "1", "--tiles-per-image", "2",
            "--threads", "1", "--workers", "1", "--precision", "bf16");
        Assert.True(code == 0, error);
        using var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "checkpoint.json")));
        Assert.Equal("BFloat16", checkpoint.RootElement.GetProperty("options").GetProperty("precision").GetString());
        var notes = error.Split('\n').Where(l => l.Contains("bf16 is emulated", StringComparison.Ordinal)).ToList();
        if (ProcessorFeatures.HasBFloat16)
        {
            Assert.Empty(notes);
        }
        else
        {
            Assert.Equal($"rootseg train: {ProcessorFeatures.BFloat16EmulationNote(Device.Cpu)}", Assert.Single(notes).TrimEnd('\r'));
        }
    }

    [Fact]
    public void ResumeRefusesAnotherRecipeAndAnUnknownRecipeIsAUsageError()
    {
        var data = Dataset();
        // Usage errors reach the router (exit 2 there) as UsageException.
        var unknown = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new TrainCommand(), "--data", data, "--out", _folder["a"], "--recipe", "slow"));
        Assert.Contains("--recipe must be one of paper, fast, transfer", unknown.Message);
        var resumed = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new TrainCommand(), "--data", data, "--out", _folder["a"], "--resume", "--recipe", "fast"));
        Assert.Contains("--recipe cannot change on --resume", resumed.Message);
        var margin = Assert.Throws<UsageException>(() =>
            TestFolder.Run(new TrainCommand(), "--data", data, "--out", _folder["b"], "--margin", "8"));
        Assert.Contains("--margin applies to --network unet-same or resnet18-unet only", margin.Message);
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(32, 16)]
    [InlineData(16, 8)]
    [InlineData(8, 4)]
    [InlineData(6, 2)]
    [InlineData(2, 1)]
    [InlineData(1, 1)]
    public void DefaultGroupsAreThePapersWhereTheyLeaveTwoChannelsPerGroup(int width, int groups)
    {
        Assert.Equal(groups, TrainCommand.DefaultGroups(width));
    }
}

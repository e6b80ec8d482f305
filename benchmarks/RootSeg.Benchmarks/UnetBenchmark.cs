using System.Diagnostics;
using System.Globalization;
using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Optim;

namespace RootSeg.Benchmarks;

/// <summary>
/// The RootSeg side of benchmarks/unet: the paper's U-Net (Smith et al. 2020, doi:10.1186/s13007-020-00563-0) on one
/// tile, timing an inference forward pass and a training step (forward, Dice + 0.3 cross-entropy, backward, SGD with
/// the paper's Nesterov momentum 0.99, learning rate 0.01, weight decay 1e-5). It serves rounds on request so that
/// benchmarks/unet/run can interleave it with the PyTorch side: after set-up and one warm-up step it prints "ready";
/// each line "N" on standard input runs N forward passes and N training steps and prints one line
/// "fwd S1 S2 ... train S1 S2 ..." (seconds); end of input ends it. The forward passes run on a second copy of
/// the initial network that the training steps leave alone, as inference runs a fixed model (RootSeg transforms a
/// changed weight into the Winograd domain again before its next inference, a cost segmentation pays once).
/// </summary>
internal sealed class UnetBenchmark : IBenchmark
{
    public string Name => "unet";

    public int Run(string[] args)
    {
        var options = ParseOptions(args);
        Engine.Configure(new EngineOptions { Threads = options.Threads, Allocator = options.Allocator });
        Engine.ManualSeed(1);
        using var net = new UNetGN(options.Width, options.Groups);
        Engine.ManualSeed(1);
        using var inference = new UNetGN(options.Width, options.Groups);
        using var optimizer = new Sgd(net.Parameters(), 0.01, momentum: 0.99, weightDecay: 1e-5, nesterov: true);
        var outputSize = UNetGN.OutputSize(options.Size);
        using var input = Tensor.Rand([1, UNetGN.InputChannels, options.Size, options.Size], seed: 2) - 0.5;
        using var target = Tensor.Rand([1, outputSize, outputSize], seed: 3).Lt(0.1).To(ScalarType.Int64);

        Forward(inference, input);
        TrainingStep(net, optimizer, input, target);
        Console.WriteLine($"ready threads={Engine.Threads} allocator={Engine.Options.Allocator}");
        while (Console.ReadLine() is { } line)
        {
            var iterations = int.Parse(line.Trim(), CultureInfo.InvariantCulture);
            var forward = new List<double>();
            var training = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                forward.Add(Forward(inference, input));
            }
            for (var i = 0; i < iterations; i++)
            {
                training.Add(TrainingStep(net, optimizer, input, target));
            }
            Console.WriteLine(FormattableString.Invariant(
                $"fwd {string.Join(' ', forward.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))} train {string.Join(' ', training.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))}"));
        }
        return 0;
    }

    private static double Forward(UNetGN net, Tensor input)
    {
        var clock = Stopwatch.StartNew();
        using (NoGradScope.Enter())
        using (TensorScope.Enter())
        {
            net.Forward(input);
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static double TrainingStep(UNetGN net, Sgd optimizer, Tensor input, Tensor target)
    {
        var clock = Stopwatch.StartNew();
        using (TensorScope.Enter())
        {
            optimizer.ZeroGrad();
            var logits = net.Forward(input);
            var loss = RootSegmentationLoss.Compute(logits, target);
            loss.Backward();
            optimizer.Step();
        }
        return clock.Elapsed.TotalSeconds;
    }

    private sealed record Options(int Size, int Threads, int Width, int Groups, AllocatorKind Allocator);

    private static Options ParseOptions(string[] args)
    {
        var options = new Options(572, 2, UNetGN.PaperBaseWidth, UNetGN.PaperGroups, AllocatorKind.Caching);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value", nameof(args));
            options = args[i] switch
            {
                "--size" => options with { Size = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--width" => options with { Width = int.Parse(value, CultureInfo.InvariantCulture) },
                "--groups" => options with { Groups = int.Parse(value, CultureInfo.InvariantCulture) },
                "--allocator" => options with { Allocator = Enum.Parse<AllocatorKind>(value, ignoreCase: true) },
                _ => throw new ArgumentException($"unknown option {args[i]}", nameof(args)),
            };
            i++;
        }
        if (!UNetGN.IsValidInputSize(options.Size))
        {
            throw new ArgumentException($"--size {options.Size} is not a valid U-Net input size", nameof(args));
        }
        return options;
    }
}

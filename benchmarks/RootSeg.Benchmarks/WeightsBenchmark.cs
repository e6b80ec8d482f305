using System.Diagnostics;
using System.Text.Json;
using RootSeg.Torch.Serialization;

namespace RootSeg.Benchmarks;

/// <summary>
/// RootSeg side of benchmarks/weights: reads the paper's U-Net state dict from torch.save zip and legacy files and
/// from safetensors, and writes it back in both writable formats; prints one JSON line of best-of-3 seconds.
/// </summary>
internal sealed class WeightsBenchmark : IBenchmark
{
    public string Name => "weights";

    public int Run(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: weights FOLDER   (a folder reference.py make has filled)");
            return 2;
        }
        var folder = args[0];
        var state = TorchPickleReader.Read(Path.Combine(folder, "unet.pt"));
        var output = Path.Combine(folder, "rs_out");
        var times = new Dictionary<string, double>
        {
            ["read_zip"] = Best(() => TorchPickleReader.Read(Path.Combine(folder, "unet.pt"))),
            ["read_legacy"] = Best(() => TorchPickleReader.Read(Path.Combine(folder, "unet_legacy.pt"))),
            ["read_safetensors"] = Best(() => SafetensorsFile.Read(Path.Combine(folder, "unet.safetensors"))),
            ["write_zip"] = Best(() => TorchZipWriter.Write(output + ".pt", state)),
            ["write_safetensors"] = Best(() => SafetensorsFile.Write(output + ".safetensors", state,
                new Dictionary<string, string> { ["format"] = "pt" })),
        };
        Console.WriteLine(JsonSerializer.Serialize(times));
        return 0;
    }

    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}

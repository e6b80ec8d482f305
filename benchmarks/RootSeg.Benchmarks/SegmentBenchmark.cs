using System.Diagnostics;
using System.Globalization;
using RootSeg.Imaging.Codecs;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Models;
using RootSeg.Torch;

namespace RootSeg.Benchmarks;

/// <summary>
/// The RootSeg side of benchmarks/segment: segments one photo with a U-Net of Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0) loaded from a torch.save state dict, through <see cref="Segmenter"/> with its
/// defaults (or the options given), and prints one JSON line: wall and CPU seconds from reading the photo to the written mask,
/// peak resident memory (MiB) and the tile side used. Arguments: --photo PNG --weights PT --out MASK.png
/// [--threads T] [--groups G] [--tile N|auto] [--batch B] [--direct 1] (direct convolutions only, no Winograd).
/// </summary>
internal sealed class SegmentBenchmark : IBenchmark
{
    public string Name => "segment";

    public int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }
        int Int(string name, int fallback) =>
            options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var tileText = options.GetValueOrDefault("tile");
        var segmenterOptions = new SegmenterOptions
        {
            TileSize = tileText is null or "auto" ? null : int.Parse(tileText, CultureInfo.InvariantCulture),
            AutoTile = tileText == "auto",
            BatchSize = Int("batch", new SegmenterOptions().BatchSize),
        };
        var direct = options.GetValueOrDefault("direct") == "1";
        Engine.Configure(EngineOptions.Default with { Threads = Int("threads", 2), WinogradConvolutions = !direct });
        using var model = ModelFile.Load(options["weights"], NetworkFactory.Create, groups: Int("groups", 32));
        var segmenter = new Segmenter(InferenceNetwork.FromModel(model), segmenterOptions);

        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var photo = ImageFile.ReadRgb(options["photo"]);
        using var result = segmenter.Segment(photo);
        ImageFile.Write(options["out"], result.Mask, new ImageWriteOptions { Bilevel = true });
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var peakMib = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"seconds\": {seconds:F3}, \"cpu_seconds\": {cpuSeconds:F3}, \"peak_mib\": {peakMib:F0}, \"tile\": {segmenter.TileSizeFor(photo.Width, photo.Height)}, \"threads\": {Engine.Threads}}}"));
        return 0;
    }
}

using System.Globalization;
using RootSeg.Cli.Progress;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg segment`: segments a photo or a folder of photos with a trained model (<see cref="BatchSegmenter"/>,
/// <see cref="Segmenter"/>), as Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) do at test time.
/// </summary>
internal sealed class SegmentCommand : ICommand
{
    public string Name => "segment";

    public string Summary => "segment photos with a trained U-Net into 1-bit root masks (resumable, shardable)";

    public string Usage => $"""
        usage: rootseg segment --model MODEL --in PATH --out DIR [options]

        Writes DIR/STEM.png (1-bit mask, root white) for every photo (.jpg .jpeg .png .tif .tiff, hidden files
        such as macOS '._' files left out) in PATH, or for the photo PATH, and DIR/rootseg-manifest.json (model
        SHA-256, the settings that change the masks, RootSeg version, the photos' sizes and times). A photo is
        skipped when its mask exists and is not older than the photo (and the requested .prob.png/.overlay.jpg
        exist), so a rerun finishes an interrupted run; a rerun with another model or other mask settings is
        refused, naming what differs, unless --overwrite. A photo that cannot be read or segmented gives one line
        'rootseg segment: PATH: problem' on stderr and the others go on; the exit code is then 1 (also for an
        empty folder, a folder that cannot be written, checked before the model is loaded, and a bad model).

          --model FILE        model file (.safetensors from rootseg train, or a torch.save state dict)
          --in PATH           a photo or a folder of photos
          --out DIR           output folder (created when missing)
        {SplitSubset.Usage}
          --device D          cpu (default) or cuda[:N]
          --tile N|auto       input tile side (default: the model's, 572 for the paper's); auto picks, per photo,
                              the valid side up to --max-tile with the fewest input pixels: faster for small
                              networks (width 8: 0.4x the time), not for the paper's on a CPU (0.49x python3-
                              torch's time against 0.43x; 7.3 GB), and masks differ from the model's own
                              tiles (group norm statistics are per tile)
          --max-tile N        largest side auto may pick (default {SegmenterOptions.DefaultMaxAutoTile})
          --overlap F         overlap of neighbouring tiles in [0, 1), blended with Gaussian weights (default 0)
          --tta flip          average over left-right and top-bottom flips (4 passes per tile)
          --batch N           tiles per network pass (default 1: on a CPU as fast as 2 for the paper's
                              network with 1 GB less memory; 2 is 6% faster for width 8; more for a GPU)
          --threshold P       root where probability > P (default: the threshold the model chose on its
                              validation images, recorded in its file, else the paper's 0.5)
          --probabilities     also write DIR/STEM.prob.png (probability x 255)
          --overlay           also write DIR/STEM.overlay.jpg (roots tinted red)
          --crop X,Y,W,H      segment only this rectangle of every photo
        {ShardOption.Usage}
          --threads N         CPU threads for the network (default: one per core)
          --precision P       fp32 (default) or bf16: bfloat16 autocast, convolutions in bfloat16 and
                              normalisation and softmax in float32; several times faster on a GPU with
                              bfloat16 tensor cores, masks differ on a small share of pixels; emulated and
                              slower on a CPU without AVX-512 BF16 or AMX (one line says so)
          --pipeline N        photos decoded ahead and written behind the network at once (default 1 on
                              the CPU, 4 on CUDA)
          --no-cudnn-benchmark  let cuDNN use its default algorithms instead of timing them per shape
          --direct            direct convolutions only, as PyTorch runs them (bit-identical masks; on a CPU
                              the default Winograd convolutions take 0.8 of the time and differ by rounding)
          --overwrite         segment every photo even when its outputs are up to date, replacing outputs
                              of another model or other settings
        """;

    public int Run(CommandOptions options)
    {
        var modelPath = options.Required("model");
        var input = options.Required("in");
        var output = options.Required("out");
        var device = ModelLoading.ParseDevice(options.String("device"));
        var tileText = options.String("tile");
        var autoTile = tileText == "auto";
        int? tile = tileText is null || autoTile ? null : ParseInt("tile", tileText, 1);
        var maxTile = options.Int("max-tile", SegmenterOptions.DefaultMaxAutoTile, 1);
        var overlap = options.Double("overlap", 0, 0, 0.99);
        var tta = options.String("tta");
        if (tta is not (null or "flip"))
        {
            throw new UsageException($"--tta must be 'flip', not '{tta}'");
        }
        var batch = options.Int("batch", new SegmenterOptions().BatchSize, 1, 1024);
        double? threshold = options.String("threshold") is null ? null : options.Double("threshold", 0.5, 1e-6, 1 - 1e-6);
        var probabilities = options.Flag("probabilities");
        var overlay = options.Flag("overlay");
        var cropText = options.String("crop");
        var crop = cropText is null ? null : ParseOption("crop", cropText, CropRegion.Parse);
        var shard = ShardOption.Read(options);
        var threads = options.Int("threads", 0, 0, 1024);
        var overwrite = options.Flag("overwrite");
        var direct = options.Flag("direct");
        var precisionText = options.String("precision");
        var precision = precisionText switch
        {
            null or "fp32" => ComputePrecision.Float32,
            "bf16" => ComputePrecision.BFloat16,
            var other => throw new UsageException($"--precision must be fp32 or bf16, not '{other}'"),
        };
        var pipeline = options.Int("pipeline", device.Type == DeviceType.Cuda ? 4 : 1, 1, 64);
        var cudnnBenchmark = !options.Flag("no-cudnn-benchmark");
        var subset = SplitSubset.Read(options);
        options.ThrowIfUnused();

        try
        {
            device.EnsureUsable();
        }
        catch (TorchException e)
        {
            throw new InvalidOperationException($"--device {device}: {e.Message}", e);
        }
        Engine.Configure(EngineOptions.Default with
        {
            Threads = threads, WinogradConvolutions = !direct, CudnnBenchmark = cudnnBenchmark,
        });
        BFloat16Note.PrintIfEmulated(Name, precision, device);
        var photos = PhotoFiles.List(input);
        if (subset is not null)
        {
            photos = subset.Select(photos, input);
        }
        // The threshold in force: the option, else the one the model chose on its validation images, else 0.5. An
        // unreadable model is reported when it is loaded, after the output folder has been checked.
        var cut = threshold ?? ModelThreshold(modelPath) ?? 0.5;
        var batchOptions = new BatchOptions
        {
            OutputDirectory = output, WriteProbabilities = probabilities, WriteOverlay = overlay, Crop = crop,
            Shard = shard, Overwrite = overwrite, Pipeline = pipeline,
            Manifest = new OutputManifest
            {
                Command = Name,
                Version = CommandRouter.Version,
                ModelSha256 = OutputManifest.Sha256(modelPath),
                ModelPath = Path.GetFullPath(modelPath),
                // What changes the masks; the extra outputs (--probabilities, --overlay), --batch, --threads and
                // --shard do not.
                Settings = OutputManifest.SettingsOf(("tile", tileText ?? "model"), ("max-tile", autoTile ? maxTile : null),
                    ("overlap", overlap), ("tta", tta), ("threshold", cut), ("crop", cropText), ("direct", direct),
                    ("precision", precisionText ?? "fp32")),
                Inputs = OutputManifest.Describe(photos),
            },
        };
        // Before the model is loaded or any photo is read: a folder of other settings, or one that cannot be
        // written, fails at once instead of after the network has run on every photo.
        using var folderLock = BatchSegmenter.PrepareOutput(batchOptions);
        using var model = ModelLoading.Load(modelPath, device);
        ProgressBar? bar = null;
        Segmenter segmenter;
        try
        {
            segmenter = new Segmenter(InferenceNetwork.FromModel(model, device), new SegmenterOptions
            {
                TileSize = tile, AutoTile = autoTile, MaxAutoTile = maxTile, Overlap = overlap, FlipTta = tta is not null,
                BatchSize = batch, Threshold = cut, Precision = precision,
                OnTiles = (done, count) => bar?.Within(done, count, "tiles"),
            });
        }
        catch (ArgumentException e) when (e.ParamName == "options")
        {
            throw new UsageException($"--tile {tile}: not a valid input size for this network");
        }
        var runner = new BatchSegmenter(segmenter, batchOptions);
        var total = shard.Select(photos).Count;
        bar = ProgressBar.ForStderr("segment", total);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = runner.RunPrepared(photos, new InlineProgress<PhotoReport>(report =>
        {
            if (report.Outcome == PhotoOutcome.Failed)
            {
                bar.Message($"rootseg segment: {report.Photo}: {report.Problem}");
            }
            bar.Advance(report.Done, report.Outcome == PhotoOutcome.Segmented);
        }));
        bar.Finish();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"segmented {summary.Segmented}, up to date {summary.Skipped}, failed {summary.Failures.Count} (shard {shard}, {total} photos) into {output}" +
            $" in {clock.Elapsed.TotalSeconds:F2} s ({summary.Segmented / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F2} photos/s after loading the model)"));
        return summary.Failures.Count > 0 ? 1 : 0;
    }

    private static double? ModelThreshold(string path)
    {
        try
        {
            return ModelFile.ReadDescription(path).Threshold;
        }
        catch (Exception e) when (e is WeightFileException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }


    private static int ParseInt(string name, string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new UsageException($"--{name} must be 'auto' or an integer of at least {min}, not '{text}'");

    private static T ParseOption<T>(string name, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--{name}: {e.Message}");
        }
    }
}

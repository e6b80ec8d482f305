using System.Globalization;
using System.Runtime.InteropServices;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg train`: trains the U-Net of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) on a split dataset, with
/// a progress line, a log, the best model and a checkpoint every epoch; Ctrl-C (SIGINT) and SIGTERM checkpoint and
/// exit 130 and 143.
/// </summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "train the U-Net on a split dataset (log, best model, checkpoints, --resume)";

    public string Usage => """
        usage: rootseg train --data DIR --out RUN_DIR [--split FILE] [--network unet-gn] [--width 64] [--groups 32]
                             [--tile 572] [--epochs N] [--batch N] [--lr R] [--device cpu|cuda] [--seed S]
                             [--tiles-per-image N] [--threads N] [--workers N] [--init MODEL]
                             [--resume]

        Trains on the training images of DIR's split (DIR/split.json unless --split; see 'rootseg split') and picks
        the epoch with the best pooled F1 on its validation images (Smith et al. 2020). Writes RUN_DIR/log.csv,
        RUN_DIR/best.safetensors (+ best.json: the model's description) and a checkpoint after every epoch.
          --width W      channels of the first level (default 64; levels W..16W); --groups G must divide it (32)
          --tile T       input tile side; a valid U-Net size (default 572 -> 388 out; also 444 -> 260, 316 -> 132)
          --epochs N     epochs (default 80); --batch N tiles per step (4); --lr R initial rate (0.01, x0.3 every
                         30 epochs); SGD with Nesterov momentum 0.99 and weight decay 1e-5
          --device D     cpu (default) or cuda[:N]
          --seed S       seed of initialisation, tile sampling and augmentation (default 1)
          --tiles-per-image N  at most N of the 90 random tiles per image and epoch (default 40, the paper's)
          --threads N    libtorch threads (default: one per core); --workers N augmentation threads
          --init MODEL   start from this model's weights (a RootSeg .safetensors or a PyTorch state dict such as
                         the paper's checkpoint_73.pkl) instead of random ones
          --resume       continue RUN_DIR's run from its checkpoint exactly (--epochs may extend it)
        Ctrl-C (SIGINT) or SIGTERM (sent by Slurm and other schedulers before they kill a job) finishes the
        current step, saves the checkpoint and exits with status 130 or 143; a second signal ends at once. Every
        file is written under a temporary name and moved into place, so a full disk leaves the last whole
        checkpoint. Exit status 3: the loss became NaN or infinite; 1: a file (data, --init model, checkpoint)
        cannot be read or written, named on one line.
        """;

    public int Run(CommandOptions options)
    {
        var data = options.Required("data");
        var output = options.Required("out");
        var split = options.String("split");
        var resume = options.Flag("resume");
        var network = options.String("network");
        var width = options.String("width") is null ? (int?)null : options.Int("width", 64, 1, 4096);
        var groups = options.String("groups") is null ? (int?)null : options.Int("groups", 32, 1, 4096);
        var tile = options.String("tile") is null ? (int?)null : options.Int("tile", 572, 1, 65536);
        var epochs = options.String("epochs") is null ? (int?)null : options.Int("epochs", 80, 1, 1_000_000);
        var batch = options.String("batch") is null ? (int?)null : options.Int("batch", 4, 1, 4096);
        var rate = options.String("lr") is null ? (double?)null : options.Double("lr", 0.01, double.Epsilon, 10);
        var device = options.String("device");
        var seedText = options.String("seed");
        var threads = options.Int("threads", 0, 0, 4096);
        var tilesPerImage = options.String("tiles-per-image") is null ? (int?)null : options.Int("tiles-per-image", 40, 1, 90);
        var workers = options.String("workers") is null ? (int?)null : options.Int("workers", 1, 1, 256);
        var init = options.String("init");
        options.ThrowIfUnused();

        ulong? seed = null;
        if (seedText is not null)
        {
            seed = ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new UsageException($"--seed must be a non-negative integer, not '{seedText}'");
        }
        if (device is not null)
        {
            Device parsed;
            try
            {
                parsed = Device.Parse(device);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--device: {e.Message}");
            }
            if (parsed.Type == DeviceType.Cuda && !Device.CudaAvailable)
            {
                throw new UsageException($"--device {device}: this libtorch has no usable CUDA device " +
                                         "(build native/ against a CUDA libtorch, see scripts/setup)");
            }
        }
        if (threads > 0)
        {
            Engine.Configure(Engine.Options with { Threads = threads });
        }

        TrainingOptions settings;
        if (resume)
        {
            var fixedByCheckpoint = new (string Name, object? Value)[]
            {
                ("network", network), ("width", width), ("groups", groups), ("tile", tile), ("batch", batch),
                ("lr", rate), ("seed", seed), ("init", init), ("tiles-per-image", tilesPerImage),
            }.FirstOrDefault(o => o.Value is not null);
            if (fixedByCheckpoint.Name is not null)
            {
                throw new UsageException($"--{fixedByCheckpoint.Name} cannot change on --resume: the run continues with " +
                                         "its checkpoint's settings (only --epochs, --device, --threads and --workers may be given)");
            }
            var saved = TrainingSession.OptionsToResume(output);
            settings = saved with
            {
                Epochs = epochs ?? saved.Epochs,
                Device = device ?? saved.Device,
                Workers = workers ?? saved.Workers,
            };
        }
        else
        {
            var defaults = new TrainingOptions();
            var inputTile = tile ?? defaults.InputTile;
            if (!UNetGN.IsValidInputSize(inputTile))
            {
                throw new UsageException($"--tile {inputTile} does not fit the U-Net; valid sizes near it: " +
                    string.Join(", ", UNetGN.ValidInputSizes(Math.Max(1, inputTile - 64), inputTile + 64)));
            }
            settings = defaults with
            {
                Network = network ?? NetworkNames.UNetGN,
                BaseWidth = width ?? defaults.BaseWidth,
                // The paper's 32 groups where they divide the width; otherwise the largest power of two that does.
                Groups = groups ?? GreatestCommonDivisor(defaults.Groups, width ?? defaults.BaseWidth),
                InputTile = inputTile,
                OutputTile = UNetGN.OutputSize(inputTile),
                Epochs = epochs ?? defaults.Epochs,
                BatchSize = batch ?? defaults.BatchSize,
                LearningRate = rate ?? defaults.LearningRate,
                Device = device ?? defaults.Device,
                Seed = seed ?? defaults.Seed,
                Workers = workers ?? defaults.Workers,
                MaxTilesPerImage = tilesPerImage ?? defaults.MaxTilesPerImage,
                InitModel = init is null ? null : Path.GetFullPath(init),
            };
            try
            {
                settings.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException(e.Message);
            }
        }

        var printer = new ProgressPrinter(Console.Error, inPlace: !Console.IsErrorRedirected);
        using var signals = new InterruptSignals(signal =>
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"rootseg train: {(signal == PosixSignal.SIGTERM ? "terminated (SIGTERM)" : "interrupted")}; " +
                                    "finishing the current step and saving the checkpoint...");
        });
        try
        {
            var outcome = TrainingSession.Run(new TrainingRequest
            {
                DataDirectory = data,
                SplitPath = split,
                RunDirectory = output,
                Options = settings,
                Resume = resume,
            }, new ImagingDatasetReader(), printer, signals.Token);
            var best = outcome.BestEpoch is { } epoch
                ? string.Create(CultureInfo.InvariantCulture, $"best validation F1 {outcome.BestF1:F4} at epoch {epoch}: {outcome.Files.BestModel}")
                : "no best model yet (no epoch has had a defined validation F1)";
            if (!outcome.Completed)
            {
                Console.Error.WriteLine($"rootseg train: stopped after {outcome.CompletedEpochs} epoch(s); checkpoint saved to " +
                                        $"{outcome.Files.Checkpoint}; {best}");
                Console.Error.WriteLine($"continue with: rootseg train --data {data} --out {output} --resume");
                return signals.ExitCode;
            }
            Console.WriteLine($"trained {outcome.CompletedEpochs} epochs; {best}; log: {outcome.Files.Log}");
            return ExitCodes.Success;
        }
        catch (NonFiniteLossException e)
        {
            Console.Error.WriteLine($"rootseg train: {e.Message}");
            return ExitCodes.Diverged;
        }
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}

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
        usage: rootseg train --data DIR --out RUN_DIR [--split FILE] [--recipe paper|fast|transfer] [--minutes M]
                             [--network unet-gn|unet-same|resnet18-unet] [--pretrained imagenet|none]
                             [--encoder-lr-scale F] [--encoder-norm frozen|trained] [--frozen-stages N]
                             [--width 64] [--groups 32] [--depth 4] [--norm batch|group]
                             [--residual] [--tile 572] [--margin 32] [--epochs N] [--batch N] [--lr R]
                             [--optimizer sgd|adamw] [--weight-decay D] [--schedule step|poly|cosine] [--warmup N]
                             [--patience N] [--tune-threshold] [--channels-last] [--precision fp32|bf16]
                             [--augment-on host|device] [--device cpu|cuda] [--seed S] [--tiles-per-image N]
                             [--threads N] [--workers N] [--init MODEL] [--keep-epochs] [--resume]

        Trains on the training images of DIR's split (DIR/split.json unless --split; see 'rootseg split') and picks
        the epoch with the best pooled F1 on its validation images (Smith et al. 2020). Writes RUN_DIR/log.csv,
        RUN_DIR/best.safetensors (+ best.json: the model's description) and a checkpoint after every epoch.
          --recipe R     paper (default): the paper's U-Net, SGD and step schedule, bit for bit as before;
                         fast: unet-same width 8, depth 5, batch norm, 576 -> 512 tiles, AdamW lr 0.002 (weight
                         decay 0.01), 50 warm-up steps, poly decay over the planned epochs, a threshold tuned
                         on the validation images, channels-last, bf16 where the processor has bfloat16
                         instructions (AVX-512 BF16, AMX) or on CUDA; transfer: the fast recipe's training with
                         resnet18-unet, its encoder starting from ImageNet at a quarter of the learning rate,
                         12 tiles per photo and epoch. Flags below override it.
          --minutes M    wall-clock budget (training + validation): epochs are planned to fit it, the decaying
                         schedules end with it, training stops when it is spent and the best epoch is kept
          --network N    unet-gn (the paper's, valid convolutions) or unet-same (same padding, output = the tile
                         less --margin pixels on every side; --depth poolings, --norm, --residual blocks)
                         or resnet18-unet (a U-Net whose encoder is ResNet-18, output = the tile less --margin)
          --pretrained P imagenet (default for resnet18-unet): the encoder starts from the ImageNet ResNet-18 that
                         ships with RootSeg; none: from random weights
          --encoder-lr-scale F  the encoder's learning rate as a fraction of --lr (transfer: 0.25)
          --encoder-norm E  trained (default): the encoder's batch norms learn their statistics; frozen: they keep
                         those they came with
          --frozen-stages N  leave the first N parts of the encoder untrained (stem, then stages 1-4; default 0)
          --width W      channels of the first level (default 64; levels W..16W); --groups G must divide it (default:
                         the largest of the paper's 32 that divides W and is at most W/2, e.g. 4 for width 8)
          --tile T       input tile side; unet-gn: a valid U-Net size (default 572 -> 388 out; also 444 -> 260, 316 ->
                         132); unet-same: a multiple of 2^depth
          --epochs N     epochs (default 80); --batch N tiles per step (4); --lr R initial rate (0.01, x0.3 every
                         30 epochs); SGD with Nesterov momentum 0.99 and weight decay 1e-5
          --optimizer O  sgd or adamw; --weight-decay D; --schedule step (x0.3 every 30 epochs), poly or cosine (per
                         step over the planned epochs); --warmup N steps of linear warm-up (decaying schedules)
          --patience N   stop when the validation F1 has not improved for N epochs (default 0: never)
          --channels-last  kernels and batches in NHWC memory order (faster convolutions on many CPUs; results
                         differ by rounding)
          --precision P  fp32 (default) or bf16: bfloat16 autocast, convolutions in bfloat16 while the loss,
                         normalisations, weights and optimiser stay float32 (an epoch 1.33x faster on a CPU with
                         AVX-512 BF16, emulated and slower on others)
          --augment-on A host (default): CPU workers augment every tile (elastic deformation, noise, colour
                         jitter); device: they only crop, and the augmentation runs as tensor ops on the training
                         device, for a GPU that host workers cannot keep fed (other random draws, same distributions)
          --tune-threshold  choose the root-probability threshold (0.30-0.90) with the best validation F1 after
                         every epoch and store it in the model, where segment uses it (on in the fast recipe)
          --device D     cpu (default) or cuda[:N]
          --seed S       seed of initialisation, tile sampling and augmentation (default 1)
          --tiles-per-image N  at most N of the 90 random tiles per image and epoch (default 40, the paper's;
                         transfer: 12, more with fewer than 10 photos so that an epoch has at least 120 tiles)
          --threads N    libtorch threads (default: one per core); --workers N augmentation threads
          --init MODEL   start from this model's weights (a RootSeg .safetensors or a PyTorch state dict such as
                         the paper's checkpoint_73.pkl) instead of random ones
          --keep-epochs  also keep every epoch's model as RUN_DIR/epochs/epoch-N.safetensors (to score a run at
                         several points of its time budget)
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
        var recipe = options.String("recipe");
        var minutes = options.String("minutes") is null ? (double?)null : options.Double("minutes", 60, 1e-3, 1e6);
        var depth = options.String("depth") is null ? (int?)null : options.Int("depth", 4, 1, 6);
        var norm = options.String("norm");
        var residual = options.Flag("residual") ? true : (bool?)null;
        var margin = options.String("margin") is null ? (int?)null : options.Int("margin", 32, 0, 4096);
        var optimizer = options.String("optimizer");
        var weightDecay = options.String("weight-decay") is null ? (double?)null : options.Double("weight-decay", 0, 0, 10);
        var schedule = options.String("schedule");
        var warmup = options.String("warmup") is null ? (int?)null : options.Int("warmup", 0, 0, 10_000_000);
        var patience = options.String("patience") is null ? (int?)null : options.Int("patience", 0, 0, 1_000_000);
        var tuneThreshold = options.Flag("tune-threshold") ? true : (bool?)null;
        var pretrained = options.String("pretrained");
        if (pretrained is not null && !PretrainedNames.IsKnown(pretrained))
        {
            throw new UsageException($"--pretrained must be one of {string.Join(", ", PretrainedNames.All)}, not '{pretrained}'");
        }
        var encoderScale = options.String("encoder-lr-scale") is null ? (double?)null : options.Double("encoder-lr-scale", 1, 0, 100);
        var encoderNorm = options.String("encoder-norm") switch
        {
            null => (bool?)null,
            "frozen" => true,
            "trained" => false,
            var other => throw new UsageException($"--encoder-norm must be frozen or trained, not '{other}'"),
        };
        var frozenStages = options.String("frozen-stages") is null ? (int?)null : options.Int("frozen-stages", 0, 0, 5);
        var keepEpochs = options.Flag("keep-epochs");
        var channelsLast = options.Flag("channels-last") ? true : (bool?)null;
        var augmentOnDevice = options.String("augment-on") switch
        {
            null => (bool?)null,
            "host" => false,
            "device" => true,
            var other => throw new UsageException($"--augment-on must be host or device, not '{other}'"),
        };
        var precision = options.String("precision") switch
        {
            null => (ComputePrecision?)null,
            "fp32" => ComputePrecision.Float32,
            "bf16" => ComputePrecision.BFloat16,
            var other => throw new UsageException($"--precision must be fp32 or bf16, not '{other}'"),
        };
        options.ThrowIfUnused();
        if (recipe is not null && !TrainingRecipes.All.Contains(recipe))
        {
            throw new UsageException($"--recipe must be one of {string.Join(", ", TrainingRecipes.All)}, not '{recipe}'");
        }

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
                ("lr", rate), ("seed", seed), ("init", init), ("tiles-per-image", tilesPerImage), ("recipe", recipe),
                ("depth", depth), ("norm", norm), ("residual", residual), ("margin", margin), ("optimizer", optimizer),
                ("weight-decay", weightDecay), ("schedule", schedule), ("warmup", warmup), ("tune-threshold", tuneThreshold), ("channels-last", channelsLast),
                ("precision", precision), ("augment-on", augmentOnDevice), ("pretrained", pretrained),
                ("encoder-lr-scale", encoderScale), ("encoder-norm", encoderNorm), ("frozen-stages", frozenStages),
            }.FirstOrDefault(o => o.Value is not null);
            if (fixedByCheckpoint.Name is not null)
            {
                throw new UsageException($"--{fixedByCheckpoint.Name} cannot change on --resume: the run continues with " +
                                         "its checkpoint's settings (only --epochs, --minutes, --patience, --device, --threads and --workers may be given)");
            }
            var saved = TrainingSession.OptionsToResume(output);
            settings = saved with
            {
                Epochs = epochs ?? saved.Epochs,
                Minutes = minutes ?? saved.Minutes,
                Patience = patience ?? saved.Patience,
                Device = device ?? saved.Device,
                Workers = workers ?? saved.Workers,
                KeepEpochModels = keepEpochs || saved.KeepEpochModels,
            };
        }
        else
        {
            var defaults = TrainingRecipes.For(recipe ?? TrainingRecipes.Paper, Device.Parse(device ?? "cpu"));
            var chosenNetwork = network ?? defaults.Network;
            if (!NetworkNames.IsKnown(chosenNetwork))
            {
                throw new UsageException($"--network must be one of {string.Join(", ", NetworkNames.All)}, not '{chosenNetwork}'");
            }
            var resnetNetwork = chosenNetwork == NetworkNames.ResNet18UNet;
            // Both are cut to their tile less a margin.
            var sameNetwork = chosenNetwork == NetworkNames.UNetSame || resnetNetwork;
            // Tile and margin (and the encoder's settings) default to those of the recipe that uses the chosen network.
            var tiling = chosenNetwork == defaults.Network
                ? defaults
                : TrainingRecipes.Get(resnetNetwork ? TrainingRecipes.Transfer : sameNetwork ? TrainingRecipes.Fast : TrainingRecipes.Paper);
            var inputTile = tile ?? tiling.InputTile;
            int outputTile;
            if (sameNetwork)
            {
                var defaultMargin = (tiling.InputTile - tiling.OutputTile) / 2;
                outputTile = inputTile - 2 * (margin ?? defaultMargin);
                if (outputTile < 1)
                {
                    throw new UsageException($"--tile {inputTile} leaves no output inside a margin of {margin ?? defaultMargin} pixels");
                }
            }
            else
            {
                if (margin is not null)
                {
                    throw new UsageException("--margin applies to --network unet-same or resnet18-unet only (unet-gn's output is fixed by its valid convolutions)");
                }
                if (!UNetGN.IsValidInputSize(inputTile))
                {
                    throw new UsageException($"--tile {inputTile} does not fit the U-Net; valid sizes near it: " +
                        string.Join(", ", UNetGN.ValidInputSizes(Math.Max(1, inputTile - 64), inputTile + 64)));
                }
                outputTile = UNetGN.OutputSize(inputTile);
            }
            var chosenWidth = width ?? (resnetNetwork ? tiling.BaseWidth : defaults.BaseWidth);
            if (resnetNetwork && (depth is not null || residual is not null || norm is (not null and not NormKind.Batch)))
            {
                throw new UsageException($"--depth, --residual and --norm apply to unet-same; {NetworkNames.ResNet18UNet} has ResNet-18's depth and batch norm");
            }
            var chosenNorm = norm ?? (resnetNetwork ? tiling.Norm : defaults.Norm);
            settings = defaults with
            {
                Network = chosenNetwork,
                BaseWidth = chosenWidth,
                Depth = depth ?? defaults.Depth,
                Norm = chosenNorm,
                Residual = residual ?? defaults.Residual,
                Groups = groups ?? (sameNetwork && chosenNorm == NormKind.Batch ? 1 : DefaultGroups(chosenWidth)),
                Pretrained = pretrained ?? tiling.Pretrained,
                EncoderLearningRateScale = encoderScale ?? tiling.EncoderLearningRateScale,
                FreezeEncoderNorm = encoderNorm ?? tiling.FreezeEncoderNorm,
                FrozenEncoderStages = frozenStages ?? tiling.FrozenEncoderStages,
                KeepEpochModels = keepEpochs,
                InputTile = inputTile,
                OutputTile = outputTile,
                Epochs = epochs ?? defaults.Epochs,
                Minutes = minutes,
                Patience = patience ?? defaults.Patience,
                BatchSize = batch ?? defaults.BatchSize,
                LearningRate = rate ?? defaults.LearningRate,
                Optimizer = optimizer ?? defaults.Optimizer,
                WeightDecay = weightDecay ?? defaults.WeightDecay,
                Schedule = schedule ?? defaults.Schedule,
                WarmupSteps = warmup ?? defaults.WarmupSteps,
                TuneThreshold = tuneThreshold ?? defaults.TuneThreshold,
                ChannelsLast = channelsLast ?? defaults.ChannelsLast,
                Precision = precision ?? defaults.Precision,
                AugmentOnDevice = augmentOnDevice ?? defaults.AugmentOnDevice,
                Device = device ?? defaults.Device,
                Seed = seed ?? defaults.Seed,
                Workers = workers ?? defaults.Workers,
                MaxTilesPerImage = tilesPerImage ?? defaults.MaxTilesPerImage,
                MinTilesPerEpoch = tilesPerImage is null ? defaults.MinTilesPerEpoch : 0,
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

        BFloat16Note.PrintIfEmulated(Name, settings.Precision, Device.Parse(settings.Device));
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
            var early = outcome.StoppedEarly is null ? "" : $" ({outcome.StoppedEarly})";
            Console.WriteLine($"trained {outcome.CompletedEpochs} epochs{early}; {best}; log: {outcome.Files.Log}");
            return ExitCodes.Success;
        }
        catch (NonFiniteLossException e)
        {
            Console.Error.WriteLine($"rootseg train: {e.Message}");
            return ExitCodes.Diverged;
        }
    }

    /// <summary>
    /// The largest of the paper's 32 groups that divides the width and leaves at least 2 channels per group (width 64:
    /// 32, 16: 8, 8: 4), so that no group norm normalises single channels.
    /// </summary>
    internal static int DefaultGroups(int width)
    {
        for (var groups = UNetGN.PaperGroups; groups > 1; groups /= 2)
        {
            if (width % groups == 0 && groups <= width / 2)
            {
                return groups;
            }
        }
        return 1;
    }
}

using System.Runtime.InteropServices;
using RootSeg.Annotate.Server;
using RootSeg.Annotate.Training;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg annotate`: corrective annotation in the browser, as RootPainter does it on the desktop (Smith et al. 2022,
/// doi:10.1111/nph.18387): serves the annotation page on 127.0.0.1 and trains in the background.
/// </summary>
internal sealed class AnnotateCommand : ICommand
{
    private static readonly AnnotateTrainingOptions Defaults = new();

    public string Name => "annotate";

    public string Summary => "annotate photos in the browser while a model trains on the annotations (RootPainter-style)";

    public string Usage => $"""
        usage: rootseg annotate --project DIR [--photos PHOTOS] [--port N] [--device cpu|cuda]
                                [--network resnet18-unet|unet-gn] [--pretrained imagenet|none] [options]

        Serves a page on 127.0.0.1 for painting roots (red) and background (green) on photos, and trains a U-Net on
        the annotations in the background; each photo shows the newest model's segmentation, so you only correct its
        mistakes. The project folder is laid out as RootPainter's (NAME.seg_proj, annotations/train, annotations/val,
        segmentations, models). Prints the page's address, which carries a secret token. Ctrl-C (SIGINT) or SIGTERM
        stops, with or without a terminal: uploads under way are finished, the trainer finishes its step and keeps
        a checkpoint (it goes on where it stopped next time), and the exit status is 130 or 143. One server per
        project: a second one on the same project folder is refused, naming the first.

          --project DIR   project folder (created when missing)
          --photos DIR    photo folder (needed when the project is new; default: the project's, or DIR/photos)
          --port N        port on 127.0.0.1 (default: a free one)
          --device D      cpu (default) or cuda[:N]; cuda trains on 576 px tiles (unet-gn: 572, width 64)
          --network N     resnet18-unet (default: a U-Net whose ResNet-18 encoder starts from ImageNet, so the first
                          annotated photos already give a useful model) or unet-gn (the paper's U-Net, width
                          {AnnotateTrainingOptions.PaperNetwork.BaseWidth}, {AnnotateTrainingOptions.PaperNetwork.Groups} groups, {AnnotateTrainingOptions.PaperNetwork.InputTile} px tiles, from random weights); a project
                          that has trained before goes on with its network
          --pretrained P  imagenet (default) or none: where the resnet18-unet encoder starts
          --width N       first-level channels (unet-gn; default {AnnotateTrainingOptions.PaperNetwork.BaseWidth} on cpu)
          --groups N      GroupNorm groups (unet-gn; default {AnnotateTrainingOptions.PaperNetwork.Groups} on cpu)
          --tile PX       training tile side: a multiple of 32 for resnet18-unet (default {Defaults.InputTile}), 188 + 16k
                          for unet-gn
          --init MODEL    start from this model instead of random or ImageNet weights
          --threads N     libtorch threads (default: one per core)
        """;

    public int Run(CommandOptions options)
    {
        var project = options.Required("project");
        var photos = options.String("photos");
        var port = options.Int("port", 0, 0, 65535);
        var device = options.String("device") ?? "cpu";
        var threads = options.Int("threads", 0, 0, 4096);
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
            throw new UsageException($"--device {device}: this libtorch has no usable CUDA device");
        }
        var network = options.String("network");
        var start = network switch
        {
            null or NetworkNames.ResNet18UNet => Defaults,
            NetworkNames.UNetGN => AnnotateTrainingOptions.PaperNetwork,
            _ => throw new UsageException($"--network must be {NetworkNames.ResNet18UNet} or {NetworkNames.UNetGN}, not '{network}'"),
        };
        var pretrained = options.String("pretrained");
        if (pretrained is not null && !PretrainedNames.IsKnown(pretrained))
        {
            throw new UsageException($"--pretrained must be one of {string.Join(", ", PretrainedNames.All)}, not '{pretrained}'");
        }
        if (network is null && File.Exists(Path.Combine(project, "models", "run", "checkpoint.safetensors")))
        {
            start = start.ContinuingRun(Path.Combine(project, "models", "run"));
        }
        var training = parsed.Type == DeviceType.Cuda ? start.ForCuda(device) : start;
        training = training with
        {
            Pretrained = pretrained ?? training.Pretrained,
            BaseWidth = options.Int("width", training.BaseWidth, 1, 4096),
            Groups = options.Int("groups", training.Groups, 1, 4096),
            InputTile = options.Int("tile", training.InputTile, 32, 65536),
            InitModel = options.String("init"),
        };
        options.ThrowIfUnused();
        try
        {
            training.ToTrainingOptions(1);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // One line naming the option, without .NET's "(Parameter ...)" and "Actual value" lines.
            var option = e.ParamName switch
            {
                nameof(training.InputTile) => $"--tile {training.InputTile}",
                nameof(training.BaseWidth) => $"--width {training.BaseWidth}",
                nameof(training.Groups) => $"--groups {training.Groups}",
                _ => e.ParamName,
            };
            var reason = e.Message.Split('\n')[0].Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException($"{option}: {reason}");
        }
        if (threads > 0)
        {
            Engine.Configure(Engine.Options with { Threads = threads });
        }

        // Listening before the server starts, so that a signal during the start is not lost: the command then
        // stops as soon as the server is up.
        using var signals = new InterruptSignals(signal => Console.WriteLine(
            $"annotate: {(signal == PosixSignal.SIGTERM ? "terminated (SIGTERM)" : "interrupted")}; stopping " +
            "(the trainer finishes its step and writes its checkpoint)"));
        var server = AnnotateServer.StartAsync(new AnnotateServerOptions
        {
            ProjectDirectory = project,
            PhotoDirectory = photos,
            Port = port,
            Training = training,
        }).GetAwaiter().GetResult();
        try
        {
            Console.WriteLine($"annotate: {server.Project.Photos.Count} photos in {server.Project.PhotoDirectory}, project {server.Project.Directory}");
            Console.WriteLine($"annotate: open {server.PageUrl}");
            Console.WriteLine("annotate: Ctrl-C (SIGINT) or SIGTERM stops");
            signals.Token.WaitHandle.WaitOne();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        Console.WriteLine("annotate: stopped; the next start goes on from the checkpoint");
        return signals.ExitCode;
    }
}

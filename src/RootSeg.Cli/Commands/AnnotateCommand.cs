using RootSeg.Annotate.Server;
using RootSeg.Annotate.Training;
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
        usage: rootseg annotate --project DIR [--photos PHOTOS] [--port N] [--device cpu|cuda] [options]

        Serves a page on 127.0.0.1 for painting roots (red) and background (green) on photos, and trains a U-Net on
        the annotations in the background; each photo shows the newest model's segmentation, so you only correct its
        mistakes. The project folder is laid out as RootPainter's (NAME.seg_proj, annotations/train, annotations/val,
        segmentations, models). Prints the page's address, which carries a secret token; Ctrl-C stops (the trainer
        keeps a checkpoint and goes on where it stopped next time).

          --project DIR   project folder (created when missing)
          --photos DIR    photo folder (needed when the project is new; default: the project's, or DIR/photos)
          --port N        port on 127.0.0.1 (default: a free one)
          --device D      cpu (default) or cuda[:N]; cuda trains the paper's width-64 network on 572 px tiles
          --width N       first-level channels (default {Defaults.BaseWidth} on cpu)
          --groups N      GroupNorm groups (default {Defaults.Groups} on cpu)
          --tile PX       training tile side, 188 + 16k (default {Defaults.InputTile} on cpu)
          --init MODEL    start from this model instead of random weights
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
        var training = parsed.Type == DeviceType.Cuda ? AnnotateTrainingOptions.ForCuda(device) : Defaults;
        training = training with
        {
            BaseWidth = options.Int("width", training.BaseWidth, 1, 4096),
            Groups = options.Int("groups", training.Groups, 1, 4096),
            InputTile = options.Int("tile", training.InputTile, 188, 65536),
            InitModel = options.String("init"),
        };
        options.ThrowIfUnused();
        try
        {
            training.ToTrainingOptions(1);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException(e.Message);
        }
        if (threads > 0)
        {
            Engine.Configure(Engine.Options with { Threads = threads });
        }

        var server = AnnotateServer.StartAsync(new AnnotateServerOptions
        {
            ProjectDirectory = project,
            PhotoDirectory = photos,
            Port = port,
            Training = training,
        }).GetAwaiter().GetResult();
        using var stopped = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stopped.Set();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            Console.WriteLine($"annotate: {server.Project.Photos.Count} photos in {server.Project.PhotoDirectory}, project {server.Project.Directory}");
            Console.WriteLine($"annotate: open {server.PageUrl}");
            Console.WriteLine("annotate: Ctrl-C stops");
            stopped.Wait();
            Console.WriteLine("annotate: stopping (the trainer writes its checkpoint)");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return 0;
    }
}

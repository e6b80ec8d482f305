using System.Globalization;
using RootSeg.Segmentation.Models;
using RootSeg.Torch.Serialization;

namespace RootSeg.Cli.Commands;

/// <summary>`rootseg export`: a trained model's weights as a PyTorch state dict (<see cref="TorchExport"/>).</summary>
internal sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "write a trained model's weights as a PyTorch state dict (.pt) for torch.load";

    public string Usage => """
        usage: rootseg export --model MODEL --pt FILE.pt

        Writes the weights of MODEL (.safetensors from rootseg train, or a torch.save file) in torch.save's zip
        format: in Python, torch.load('FILE.pt') returns an OrderedDict of tensors for load_state_dict. The network's
        settings (width, groups, tiles) stay in MODEL's .json file.

          --model FILE      the model
          --pt FILE         the state dict to write (atomically)
        """;

    public int Run(CommandOptions options)
    {
        var model = options.Required("model");
        options.RefuseOutForFile("--pt FILE.pt");
        var output = options.Required("pt");
        options.ThrowIfUnused();
        try
        {
            var count = TorchExport.Write(model, output);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count} tensors of {model} to {output}"));
            return 0;
        }
        catch (WeightFileException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}

using RootSeg.Segmentation.Models;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;

namespace RootSeg.Cli.Commands;

/// <summary>The --model and --device options of the commands that run a network, turned into the user's errors.</summary>
internal static class ModelLoading
{
    /// <summary>Loads a model file (RootSeg safetensors or a PyTorch state dict) onto <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a usable model; the message names it.</exception>
    /// <exception cref="InvalidOperationException">libtorch refused it; the message names the file.</exception>
    public static LoadedModel Load(string path, Device device)
    {
        try
        {
            return ModelFile.Load(path, NetworkFactory.Create, device);
        }
        catch (WeightFileException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        catch (TorchException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The device an option names; the CPU when it is absent.</summary>
    /// <exception cref="UsageException">The text is not a device.</exception>
    public static Device ParseDevice(string? text)
    {
        if (text is null)
        {
            return Device.Cpu;
        }
        try
        {
            return Device.Parse(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or TorchException)
        {
            throw new UsageException($"--device: {e.Message}");
        }
    }
}

using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Models;
using RootSeg.Torch;
using RootSeg.Torch.Modules;
using RootSeg.Torch.Optim;
using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// A training checkpoint: one safetensors file holding the network's state ("model.*"), the optimiser's state
/// ("optimizer.*", e.g. SGD momentum buffers) and the <see cref="CheckpointState"/> JSON in its metadata, written
/// to a temporary name and moved into place so that it is always whole; the same JSON is also written beside it
/// for people to read.
/// </summary>
public static class Checkpoint
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";

    /// <summary>Writes a checkpoint of <paramref name="network"/>, <paramref name="optimizer"/> and <paramref name="state"/>.</summary>
    /// <param name="files">The run's files; its folder must exist.</param>
    /// <param name="network">Only read.</param>
    /// <param name="optimizer">Only read.</param>
    /// <param name="state">The run state.</param>
    public static void Save(RunFiles files, Module network, Optimizer optimizer, CheckpointState state)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var tensors = new StateDict();
        foreach (var (name, tensor) in network.StateDict())
        {
            tensors.Add(ModelPrefix + name, tensor.ToStored());
        }
        foreach (var (name, tensor) in optimizer.StateDict())
        {
            tensors.Add(OptimizerPrefix + name, tensor.ToStored());
        }
        var json = state.ToJson();
        SafetensorsFile.Write(files.Checkpoint, tensors, new Dictionary<string, string> { [CheckpointState.MetadataKey] = json });
        AtomicFile.WriteText(files.CheckpointDescription, json + "\n");
    }

    /// <summary>Reads only the run state of the checkpoint in <paramref name="files"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The file carries no or a malformed run state.</exception>
    public static CheckpointState ReadState(RunFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!File.Exists(files.Checkpoint))
        {
            throw new FileNotFoundException($"{files.Checkpoint}: no checkpoint to resume from", files.Checkpoint);
        }
        var metadata = SafetensorsFile.ReadMetadata(files.Checkpoint);
        if (!metadata.TryGetValue(CheckpointState.MetadataKey, out var json))
        {
            throw new InvalidDataException($"{files.Checkpoint}: not a RootSeg training checkpoint (no '{CheckpointState.MetadataKey}' metadata)");
        }
        return CheckpointState.FromJson(json, files.Checkpoint);
    }

    /// <summary>
    /// Loads the checkpoint's tensors into <paramref name="network"/> and <paramref name="optimizer"/> (on their
    /// device) and returns its run state.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint.</exception>
    /// <exception cref="WeightFileException">The tensors do not fit the network or optimiser.</exception>
    public static CheckpointState Load(RunFiles files, Module network, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        var state = ReadState(files);
        var contents = SafetensorsFile.Read(files.Checkpoint);
        var device = network.Parameters().First().Device;
        using var scope = TensorScope.Enter();
        var model = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var optim = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, stored) in contents.Tensors)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal))
            {
                model[name[ModelPrefix.Length..]] = stored.ToTensor(device);
            }
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
            {
                optim[name[OptimizerPrefix.Length..]] = stored.ToTensor(device);
            }
            else
            {
                throw new WeightFileException(files.Checkpoint, $"holds '{name}', which is neither model nor optimiser state");
            }
        }
        try
        {
            network.LoadStateDict(model);
            optimizer.LoadStateDict(optim);
        }
        catch (ArgumentException e)
        {
            throw new WeightFileException(files.Checkpoint, $"does not fit this run's network or optimiser: {e.Message}", e);
        }
        return state;
    }
}

using RootSeg.Imaging.Files;
using RootSeg.Torch;
using RootSeg.Torch.Modules;
using RootSeg.Torch.Serialization;

namespace RootSeg.Segmentation.Models;

/// <summary>
/// Model files: the weights of a segmentation network in safetensors with its <see cref="ModelDescription"/> in the
/// <c>__metadata__</c> (and the same JSON beside the file), or a PyTorch state dict saved with <c>torch.save</c>, such
/// as the <c>checkpoint_73.pkl</c> published with Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant
/// Methods 16:13 (doi:10.1186/s13007-020-00563-0), whose keys carry DataParallel's "module." prefix.
/// </summary>
public static class ModelFile
{
    /// <summary>Builds the untrained network a description names, with its tensors on <paramref name="device"/>.</summary>
    public delegate Module NetworkBuilder(ModelDescription description, Device device);

    /// <summary>The JSON file written beside a model file: same folder and stem, extension ".json".</summary>
    /// <param name="modelPath">Path of the .safetensors file.</param>
    public static string DescriptionPath(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return Path.ChangeExtension(modelPath, ".json");
    }

    /// <summary>
    /// Writes <paramref name="network"/>'s state dict to <paramref name="path"/> as safetensors carrying
    /// <paramref name="description"/> under <see cref="ModelDescription.MetadataKey"/>, then the description alone to
    /// <see cref="DescriptionPath"/>; each file is written to a temporary name and moved into place.
    /// </summary>
    /// <param name="path">Destination .safetensors path; its folder must exist.</param>
    /// <param name="network">The network; only read.</param>
    /// <param name="description">Its description; checked first.</param>
    /// <exception cref="InvalidDataException">The description is inconsistent.</exception>
    /// <exception cref="WeightFileException">The file cannot be written.</exception>
    public static void Save(string path, Module network, ModelDescription description)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(description);
        description.Validate(path);
        var json = description.ToJson();
        network.SaveSafetensors(path, new Dictionary<string, string> { [ModelDescription.MetadataKey] = json });
        AtomicFile.WriteText(DescriptionPath(path), json + "\n");
    }

    /// <summary>
    /// Loads a model: a RootSeg safetensors file (described by its metadata), a safetensors file without that
    /// metadata, or a PyTorch <c>torch.save</c> state dict (zip or legacy pickle; a "module." prefix on every key is
    /// removed). Files without a description are taken as the paper's UNetGN with 572x572 input tiles; the base
    /// width is read from the first convolution's weight and <paramref name="groups"/> gives the GroupNorm groups.
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <param name="device">Where the network's tensors live; CPU when null.</param>
    /// <param name="builder">Builds the untrained network that the weights are loaded into.</param>
    /// <param name="groups">GroupNorm groups assumed for files without a description (the paper's 32).</param>
    /// <returns>The network in evaluation mode with its description; the caller disposes it.</returns>
    /// <exception cref="WeightFileException">The file is missing or unreadable, or its tensors do not fit the network
    /// (the message lists missing and unexpected keys and shape mismatches).</exception>
    /// <exception cref="InvalidDataException">The stored description is malformed or unsupported.</exception>
    public static LoadedModel Load(string path, NetworkBuilder builder, Device? device = null, int groups = 32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (!File.Exists(path))
        {
            throw new WeightFileException(path, "does not exist");
        }
        var (state, description) = ReadState(path, groups);
        var target = device ?? Device.Cpu;
        ArgumentNullException.ThrowIfNull(builder);
        var network = builder(description, target);
        try
        {
            try
            {
                network.LoadStateDict(state);
            }
            catch (ArgumentException e)
            {
                throw new WeightFileException(path,
                    $"does not fit a {description.Network} of base width {description.BaseWidth}: {e.Message}", e);
            }
            network.To(target);
            network.Eval();
            return new LoadedModel(network, description, path);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a model as <see cref="Load(string, NetworkBuilder, Device?, int)"/> does, building the network with
    /// <see cref="NetworkFactory.Create"/> (the paper's UNetGN).
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <param name="device">Where the network's tensors live; CPU when null.</param>
    /// <param name="groups">GroupNorm groups assumed for files without a description (the paper's 32).</param>
    public static LoadedModel Load(string path, Device? device = null, int groups = 32) =>
        Load(path, NetworkFactory.Create, device, groups);

    /// <summary>Reads only the description of a model file (stored or inferred as in <see cref="Load(string, NetworkBuilder, Device?, int)"/>).</summary>
    /// <param name="path">The model file.</param>
    /// <param name="groups">GroupNorm groups assumed for files without a description.</param>
    public static ModelDescription ReadDescription(string path, int groups = 32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new WeightFileException(path, "does not exist");
        }
        return ReadState(path, groups).Description;
    }

    private static (StateDict State, ModelDescription Description) ReadState(string path, int groups)
    {
        try
        {
            return ReadStateUnchecked(path, groups);
        }
        catch (Exception e) when (e is not (WeightFileException or InvalidDataException or OutOfMemoryException))
        {
            // A damaged file can trip any parser check; every such failure names the file on one line.
            throw new WeightFileException(path, $"is not a readable model file ({e.Message})", e);
        }
    }

    private static (StateDict State, ModelDescription Description) ReadStateUnchecked(string path, int groups)
    {
        StateDict state;
        if (IsSafetensors(path))
        {
            var contents = SafetensorsFile.Read(path);
            if (contents.Metadata.TryGetValue(ModelDescription.MetadataKey, out var json))
            {
                return (contents.Tensors, ModelDescription.FromJson(json, path));
            }
            state = contents.Tensors;
        }
        else
        {
            state = WeightFiles.Read(path);
        }
        if (state.Count > 0 && state.Keys.All(k => k.StartsWith(TorchImportOptions.DataParallelPrefix, StringComparison.Ordinal)))
        {
            state = state.WithoutPrefix(TorchImportOptions.DataParallelPrefix);
        }
        return (state, Infer(path, state, groups));
    }

    private static ModelDescription Infer(string path, StateDict state, int groups)
    {
        var first = state.FirstOrDefault(e => e.Value.Shape.Count == 4 && e.Value.Shape[1] == 3);
        if (first.Value is null)
        {
            throw new WeightFileException(path,
                "holds no convolution weight with 3 input channels, so it is not an RGB segmentation network " +
                $"(keys: {string.Join(", ", state.Keys.Take(8))}{(state.Count > 8 ? ", ..." : "")})");
        }
        var width = checked((int)first.Value.Shape[0]);
        if (width % groups != 0)
        {
            throw new WeightFileException(path,
                $"has base width {width} (from '{first.Key}'), which {groups} GroupNorm groups do not divide");
        }
        var description = new ModelDescription
        {
            Network = NetworkNames.UNetGN,
            BaseWidth = width,
            Groups = groups,
            InputTile = 572,
            OutputTile = 388,
            Source = Path.GetFileName(path),
        };
        description.Validate(path);
        return description;
    }

    private static bool IsSafetensors(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[9];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head[8] == (byte)'{';
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Segmentation.Models;

/// <summary>
/// The self-description of a trained segmentation network, stored with its weights (in the safetensors
/// <c>__metadata__</c>) and beside them as JSON, so that a model file alone says how to build the network and how to
/// feed it. Network and normalisation follow Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant
/// Methods 16:13 (doi:10.1186/s13007-020-00563-0).
/// </summary>
public sealed record ModelDescription
{
    /// <summary>The schema version this code writes; files with a newer one are refused.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Key of the description in the safetensors metadata.</summary>
    public const string MetadataKey = "rootseg.model";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Schema version of the document.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Network architecture name, e.g. <see cref="NetworkNames.UNetGN"/>.</summary>
    public required string Network { get; init; }

    /// <summary>Channels of the first level (64 in the paper); deeper levels double it.</summary>
    public required int BaseWidth { get; init; }

    /// <summary>GroupNorm groups per convolution (32 in the paper).</summary>
    public required int Groups { get; init; }

    /// <summary>Side of the square input tile in pixels (572 in the paper).</summary>
    public required int InputTile { get; init; }

    /// <summary>Side of the square output tile in pixels, the centre of the input (388 in the paper).</summary>
    public required int OutputTile { get; init; }

    /// <summary>Poolings of a <see cref="NetworkNames.UNetSame"/> (1 to 6); null for the paper's network (4).</summary>
    public int? Depth { get; init; }

    /// <summary>
    /// Normalisation layer of a <see cref="NetworkNames.UNetSame"/>: "batch" or "group"; null for the paper's network
    /// (group norm).
    /// </summary>
    public string? Norm { get; init; }

    /// <summary>Whether a <see cref="NetworkNames.UNetSame"/> has residual blocks; null for the paper's network.</summary>
    public bool? Residual { get; init; }

    /// <summary>
    /// Where the encoder's starting weights came from for a <see cref="NetworkNames.ResNet18UNet"/>: "none" (random
    /// initialisation) or "imagenet: FILE of PACKAGE, SHA-256 ..." (<see cref="Networks.ImageNetResNet18"/>); null for
    /// networks without a separate encoder.
    /// </summary>
    public string? EncoderWeights { get; init; }

    /// <summary>
    /// Residual blocks in each of the four stages of a <see cref="NetworkNames.ResNet18UNet"/>'s encoder
    /// (<see cref="Networks.ImageNetResNet18.Blocks"/>); null for other networks.
    /// </summary>
    public IReadOnlyList<int>? EncoderBlocks { get; init; }

    /// <summary>
    /// The input convention inside the encoder of a <see cref="NetworkNames.ResNet18UNet"/>
    /// (<see cref="Networks.ResNetEncoder.InputConvention"/>: the normalised tile back to 0-255, BGR, minus the
    /// ImageNet means); null for other networks.
    /// </summary>
    public string? EncoderInput { get; init; }

    /// <summary>
    /// Root probability above which a pixel is root, chosen on the validation images during training; null for the
    /// paper's 0.5.
    /// </summary>
    public double? Threshold { get; init; }

    /// <summary>How each input tile is normalised; <see cref="TileNormalisation.Name"/>.</summary>
    public string Normalisation { get; init; } = TileNormalisation.Name;

    /// <summary>Number of output classes (2: background, root); the root probability is softmax channel 1.</summary>
    public int Classes { get; init; } = 2;

    /// <summary>Training epoch (1-based) these weights come from; null for imported weights.</summary>
    public int? Epoch { get; init; }

    /// <summary>Metrics at that epoch, e.g. "validation_f1"; NaN where undefined.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Seeds that fixed the run, e.g. "training".</summary>
    public IReadOnlyDictionary<string, ulong> Seeds { get; init; } = new Dictionary<string, ulong>();

    /// <summary>RootSeg version that wrote the file.</summary>
    public string? RootSegVersion { get; init; }

    /// <summary>libtorch version that trained the weights.</summary>
    public string? TorchVersion { get; init; }

    /// <summary>SHA-256 (hex) of each data file used, keyed by its path relative to the dataset folder.</summary>
    public IReadOnlyDictionary<string, string> DataHashes { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the weights came from: "rootseg train" or the imported file.</summary>
    public string? Source { get; init; }

    /// <summary>The description as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses and checks a description.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="origin">File or entry the text came from, named in error messages.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed, from a newer schema, or inconsistent.</exception>
    public static ModelDescription FromJson(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelDescription? description;
        try
        {
            description = JsonSerializer.Deserialize<ModelDescription>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: the model description is not valid JSON: {e.Message}", e);
        }
        if (description is null)
        {
            throw new InvalidDataException($"{origin}: the model description is empty");
        }
        description.Validate(origin);
        return description;
    }

    /// <summary>Checks the fields against each other.</summary>
    /// <param name="origin">Named in error messages.</param>
    /// <exception cref="InvalidDataException">A field is out of range or the schema is newer than this code.</exception>
    public void Validate(string origin)
    {
        if (SchemaVersion < 1 || SchemaVersion > CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"{origin}: model schema version {SchemaVersion} is not supported (this RootSeg reads 1 to {CurrentSchemaVersion})");
        }
        if (!NetworkNames.IsKnown(Network))
        {
            throw new InvalidDataException(
                $"{origin}: unknown network '{Network}' (known: {string.Join(", ", NetworkNames.All)})");
        }
        if (BaseWidth < 1 || Groups < 1 || BaseWidth % Groups != 0)
        {
            throw new InvalidDataException(
                $"{origin}: base width {BaseWidth} and groups {Groups} must be positive, the width a multiple of the groups");
        }
        if (OutputTile < 1 || InputTile < OutputTile || (InputTile - OutputTile) % 2 != 0)
        {
            throw new InvalidDataException(
                $"{origin}: input tile {InputTile} and output tile {OutputTile} do not make a centred valid tile");
        }
        if (Network == NetworkNames.UNetSame)
        {
            if (Depth is not (>= 1 and <= 6))
            {
                throw new InvalidDataException($"{origin}: {NetworkNames.UNetSame} needs a depth of 1 to 6, not {Depth?.ToString() ?? "none"}");
            }
            if (!Networks.NormKind.IsKnown(Norm))
            {
                throw new InvalidDataException(
                    $"{origin}: {NetworkNames.UNetSame} needs a normalisation ({string.Join(", ", Networks.NormKind.All)}), not '{Norm}'");
            }
            if (InputTile % (1 << Depth.Value) != 0)
            {
                throw new InvalidDataException(
                    $"{origin}: input tile {InputTile} is not a multiple of {1 << Depth.Value} ({Depth} poolings)");
            }
        }
        if (Network == NetworkNames.ResNet18UNet)
        {
            if (BaseWidth % 4 != 0)
            {
                throw new InvalidDataException($"{origin}: {NetworkNames.ResNet18UNet} needs a width that is a multiple of 4, not {BaseWidth}");
            }
            if (InputTile % Networks.ResNetUNet.Stride != 0)
            {
                throw new InvalidDataException(
                    $"{origin}: input tile {InputTile} is not a multiple of {Networks.ResNetUNet.Stride}, the ResNet encoder's stride");
            }
            if (EncoderBlocks is not { Count: 4 } blocks || blocks.Any(b => b < 1))
            {
                throw new InvalidDataException(
                    $"{origin}: {NetworkNames.ResNet18UNet} needs four stages of encoder blocks, not [{string.Join(", ", EncoderBlocks ?? [])}]");
            }
            if (EncoderInput != Networks.ResNetEncoder.InputConvention)
            {
                throw new InvalidDataException(
                    $"{origin}: encoder input convention '{EncoderInput}' is not supported (only '{Networks.ResNetEncoder.InputConvention}')");
            }
        }
        if (Threshold is { } threshold && !(threshold > 0 && threshold < 1))
        {
            throw new InvalidDataException($"{origin}: threshold {threshold} is not between 0 and 1");
        }
        if (Normalisation != TileNormalisation.Name)
        {
            throw new InvalidDataException(
                $"{origin}: normalisation '{Normalisation}' is not supported (only '{TileNormalisation.Name}')");
        }
        if (Classes != 2)
        {
            throw new InvalidDataException($"{origin}: {Classes} classes; root segmentation networks have 2");
        }
    }
}

using System.Text;
using System.Text.Json;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;

namespace RootSeg.Annotate.Training;

/// <summary>
/// What the background trainer keeps between server runs beside the Trainer's own checkpoint
/// (<c>models/annotate.json</c>): the best model's epoch and validation F1, the fingerprint of the validation
/// annotations that F1 was measured on, and the model version shown to the page.
/// </summary>
/// <param name="BestEpoch">Epoch of models/best.safetensors; null when there is none.</param>
/// <param name="BestF1">Its F1 on the validation set of <paramref name="ValidationHash"/>; null when unknown.</param>
/// <param name="ValidationHash">Fingerprint of the validation photos and annotations the F1 was measured on.</param>
/// <param name="ModelVersion">Number of best models saved so far.</param>
public sealed record TrainerState(int? BestEpoch, double? BestF1, string ValidationHash, int ModelVersion)
{
    /// <summary>The state of a project without a model.</summary>
    public static TrainerState Empty { get; } = new(null, null, "", 0);

    /// <summary>Reads the state file, or <see cref="Empty"/> when it is missing.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names it.</exception>
    public static TrainerState Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path)) ?? Empty;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed trainer state: {e.Message}", e);
        }
    }

    /// <summary>Writes the state atomically.</summary>
    public void Write(string path) =>
        AtomicFile.WriteBytes(path, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this) + "\n"));
}

using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// The one line a run in bfloat16 prints where the processor only emulates it (<see cref="ProcessorFeatures.BFloat16EmulationNote"/>):
/// RootSeg never chooses bfloat16 there, so the user asked for it (or resumes a run that did) and should know why it is slow.
/// </summary>
internal static class BFloat16Note
{
    public static void PrintIfEmulated(string command, ComputePrecision precision, Device device)
    {
        if (precision == ComputePrecision.BFloat16 && ProcessorFeatures.BFloat16EmulationNote(device) is { } note)
        {
            Console.Error.WriteLine($"rootseg {command}: {note}");
        }
    }
}

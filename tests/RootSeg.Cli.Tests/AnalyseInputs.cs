using System.Globalization;
using RootSeg.Cli.Commands;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Cli.Tests;

/// <summary>Photos and a model for the tests of `rootseg analyse` and `rootseg merge`.</summary>
internal static class AnalyseInputs
{
    /// <summary>
    /// A random-weight network (the paper's U-Net, width 2): its masks are arbitrary, which is all an end-to-end test
    /// of the plumbing needs. Input 252 gives output 68, so a 64 px synthetic photo takes one tile; 188 gives 4.
    /// </summary>
    public static string Model(TestFolder folder, ulong seed = 5, string name = "model.safetensors", int inputTile = 252)
    {
        Engine.ManualSeed(seed);
        using var network = new UNetGN(baseWidth: 2, groups: 1);
        var path = folder[name];
        ModelFile.Save(path, network, new ModelDescription
        {
            Network = NetworkNames.UNetGN, BaseWidth = 2, Groups = 1, InputTile = inputTile, OutputTile = UNetGN.OutputSize(inputTile),
        });
        return path;
    }

    /// <summary>A synthetic dataset of <paramref name="count"/> 64 x 64 photos with exact masks in FOLDER/dataset.</summary>
    public static string Synth(TestFolder folder, int count)
    {
        var dataset = folder["dataset"];
        var (code, _, _) = TestFolder.Run(new SynthCommand(), "--out", dataset, "--count", count.ToString(CultureInfo.InvariantCulture),
            "--width", "64", "--height", "64", "--seed", "3");
        Assert.Equal(0, code);
        return dataset;
    }

    /// <summary>The lines of <paramref name="error"/> that a command writes for a failure: 'rootseg NAME: ...'.</summary>
    public static string[] ErrorLines(string error, string command) =>
        error.Split('\n').Where(l => l.StartsWith($"rootseg {command}: ", StringComparison.Ordinal)).ToArray();
}

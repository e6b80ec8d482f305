using RootSeg.Segmentation.Models;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Tests.Models;

/// <summary>
/// A small RGB-to-2-class network for tests: Conv2d(3, w, 3) valid, ReLU, GroupNorm(groups, w), Conv2d(w, 2, 1);
/// an input tile of side s gives an output of side s - 2. The same layers as the torch Sequential in
/// scripts/fixtures/trainer.py, so their state-dict keys agree.
/// </summary>
internal static class TinyNetwork
{
    public static Module Create(int width, int groups, Device? device = null) =>
        new Sequential(
            new Conv2d(3, width, 3, device: device),
            new ReLU(),
            new GroupNorm(groups, width, device: device),
            new Conv2d(width, 2, 1, device: device));

    public static Module Build(ModelDescription description, Device device) =>
        Create(description.BaseWidth, description.Groups, device);

    public static ModelDescription Describe(int width, int groups, int inputTile) => new()
    {
        Network = NetworkNames.UNetGN,
        BaseWidth = width,
        Groups = groups,
        InputTile = inputTile,
        OutputTile = inputTile - 2,
    };
}

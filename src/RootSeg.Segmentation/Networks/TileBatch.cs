using RootSeg.Torch;

namespace RootSeg.Segmentation.Networks;

/// <summary>The checks and the cropping that every segmentation network applies to its batch of tiles.</summary>
internal static class TileBatch
{
    /// <summary>Throws unless <paramref name="input"/> is (N, <paramref name="channels"/>, H, W) with valid H and W.</summary>
    /// <param name="input">The batch.</param>
    /// <param name="channels">Input channels (3 for RGB).</param>
    /// <param name="isValid">Whether a side passes the network.</param>
    /// <param name="problem">What is wrong with an invalid side, given its axis and size.</param>
    /// <exception cref="ArgumentException">The shape does not fit.</exception>
    public static void Check(Tensor input, int channels, Func<int, bool> isValid, Func<string, long, string> problem)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.Shape;
        if (shape.Length != 4 || shape[1] != channels)
        {
            throw new ArgumentException(
                $"expected a batch (N, {channels}, H, W), not a tensor of shape [{string.Join(", ", shape)}]", nameof(input));
        }
        foreach (var (size, axis) in new[] { (shape[2], "height"), (shape[3], "width") })
        {
            if (size > int.MaxValue || !isValid((int)size))
            {
                throw new ArgumentException(problem(axis, size), nameof(input));
            }
        }
    }

    /// <summary>The centre of (N, C, H, W) <paramref name="logits"/> less <paramref name="margin"/> pixels on every side, as a new view.</summary>
    public static Tensor CropMargin(Tensor logits, int margin)
    {
        using var rows = logits.Narrow(2, margin, logits.Size(2) - 2 * margin);
        return rows.Narrow(3, margin, logits.Size(3) - 2 * margin);
    }
}

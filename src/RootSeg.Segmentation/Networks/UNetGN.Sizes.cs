namespace RootSeg.Segmentation.Networks;

// Sizes that pass through the network: every valid 3x3 convolution removes 2 pixels, every pool needs an even size
// and halves it, every up-convolution doubles it. Ronneberger et al. 2015 (doi:10.1007/978-3-319-24574-4_28)
// choose tiles "such that all 2x2 max-pooling operations are applied to a layer with an even x- and y-size".
public sealed partial class UNetGN
{
    /// <summary>Pooling levels between the input and the bottleneck.</summary>
    public const int Levels = 4;

    /// <summary>
    /// The output height (or width) for an input height (or width): 572 gives 388, the smallest valid size 188
    /// gives 4, and in general a valid s gives s - 184. Valid sizes are 188, 204, 220, ... (188 + 16k).
    /// </summary>
    /// <param name="inputSize">Input height or width in pixels.</param>
    /// <returns>The output size, positive.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is not valid (an odd size before a pool, or nothing left).</exception>
    public static int OutputSize(int inputSize) =>
        TryOutputSize(inputSize, out var output, out var problem)
            ? output
            : throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{problem}; {NearestValid(inputSize)}");

    /// <summary>True when <paramref name="inputSize"/> passes through every level (see <see cref="OutputSize"/>).</summary>
    public static bool IsValidInputSize(int inputSize) => TryOutputSize(inputSize, out _, out _);

    /// <summary>The valid input sizes in [<paramref name="min"/>, <paramref name="max"/>], ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than <paramref name="min"/>.</exception>
    public static IReadOnlyList<int> ValidInputSizes(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        var sizes = new List<int>();
        for (long s = Math.Max(min, 1); s <= max; s++)
        {
            if (IsValidInputSize((int)s))
            {
                sizes.Add((int)s);
            }
        }
        return sizes;
    }

    private static bool TryOutputSize(int inputSize, out int output, out string problem)
    {
        const int ConvolutionPairShrink = 4;
        output = 0;
        long size = inputSize;
        for (var level = 0; level <= Levels; level++)
        {
            size -= ConvolutionPairShrink;
            if (size < 1)
            {
                problem = $"nothing is left after the convolutions of level {level}";
                return false;
            }
            if (level < Levels)
            {
                if (size % 2 != 0)
                {
                    problem = $"the size before pool {level + 1} is {size}, which is odd";
                    return false;
                }
                size /= 2;
            }
        }
        for (var level = 0; level < Levels; level++)
        {
            size = 2 * size - ConvolutionPairShrink;
            if (size < 1)
            {
                problem = $"nothing is left after the convolutions of up level {level + 1}";
                return false;
            }
        }
        output = (int)size;
        problem = "";
        return true;
    }

    private static string NearestValid(long size)
    {
        const int Smallest = 188;
        const int Step = 16;
        if (size < Smallest)
        {
            return $"the smallest valid size is {Smallest}";
        }
        var below = Smallest + (size - Smallest) / Step * Step;
        return $"the nearest valid sizes are {below} and {below + Step}";
    }
}

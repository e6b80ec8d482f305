using RootSeg.Torch.Serialization;
using RootSeg.Torch.Serialization.Pickle;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class PickledTensorTests
{
    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 12, 4, 1 }, new long[] { 24 }, new long[] { 1 })]
    [InlineData(new long[] { 4, 3 }, new long[] { 1, 4 }, new long[] { 4, 3 }, new long[] { 1, 4 })]
    [InlineData(new long[] { 1, 5, 1 }, new long[] { 5, 1, 1 }, new long[] { 5 }, new long[] { 1 })]
    [InlineData(new long[] { 2, 3 }, new long[] { 0, 1 }, new long[] { 2, 3 }, new long[] { 0, 1 })]
    [InlineData(new long[] { 3, 2, 2 }, new long[] { 8, 2, 1 }, new long[] { 3, 4 }, new long[] { 8, 1 })]
    [InlineData(new long[0], new long[0], new long[] { 1 }, new long[] { 1 })]
    public void CollapseMergesOnlyContiguousNeighbours(long[] size, long[] stride, long[] mergedSize, long[] mergedStride)
    {
        var (s, t) = PickledTensor.Collapse(size, stride);

        Assert.Equal(mergedSize, s);
        Assert.Equal(mergedStride, t);
    }

    [Fact]
    public void MaterializeMatchesElementByElementIndexingOnRandomViews()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 300; trial++)
        {
            var rank = random.Next(0, 5);
            var size = Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, 4)).ToArray();
            var stride = Enumerable.Range(0, rank).Select(_ => (long)random.Next(0, 7)).ToArray();
            if (random.Next(3) == 0)
            {
                // A contiguous layout, sometimes permuted, as torch.save of a transposed weight gives.
                long step = 1;
                for (var d = rank - 1; d >= 0; d--)
                {
                    stride[d] = step;
                    step *= size[d];
                }
                random.Shuffle(stride);
            }
            var offset = random.Next(0, 4);
            var last = offset + size.Zip(stride).Sum(p => (p.First - 1) * p.Second);
            var storage = Enumerable.Range(0, (int)last + 1).Select(i => (long)i * 3 - 7).ToArray();
            var bytes = storage.SelectMany(BitConverter.GetBytes).ToArray();
            var view = new PickledTensor(new TorchStorage(StoredDType.Int64, storage.Length, "s", () => bytes), offset, size, stride);

            var tensor = view.Materialize();

            Assert.Equal(size, tensor.Shape);
            Assert.Equal(Naive(storage, offset, size, stride), tensor.ToInt64Array());
        }
    }

    [Fact]
    public void NegativeStridesAndMismatchedRanksAreRefused()
    {
        var storage = new TorchStorage(StoredDType.Float32, 4, "s", () => new byte[16]);

        Assert.Throws<InvalidDataException>(() => new PickledTensor(storage, 0, [2], [-1]));
        Assert.Throws<InvalidDataException>(() => new PickledTensor(storage, 0, [2, 2], [1]));
        Assert.Throws<InvalidDataException>(() => new PickledTensor(storage, -1, [2], [1]));
    }

    private static long[] Naive(long[] storage, long offset, long[] size, long[] stride)
    {
        var count = size.Aggregate(1L, (a, b) => a * b);
        var result = new long[count];
        for (long flat = 0; flat < count; flat++)
        {
            var rest = flat;
            var at = offset;
            for (var d = size.Length - 1; d >= 0; d--)
            {
                at += rest % size[d] * stride[d];
                rest /= size[d];
            }
            result[flat] = storage[at];
        }
        return result;
    }
}

using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class StateDictTests
{
    private static StoredTensor One(float value) => StoredTensor.FromFloats([value], [1]);

    [Fact]
    public void KeepsInsertionOrderNotSortedOrder()
    {
        var dict = new StateDict();
        dict.Add("z.weight", One(1));
        dict.Add("a.weight", One(2));
        dict.Add("m.bias", One(3));

        Assert.Equal(["z.weight", "a.weight", "m.bias"], dict.Keys);
        Assert.Equal([1f, 2f, 3f], dict.Values.Select(t => t.ToFloatArray()[0]));
        Assert.Equal(["z.weight", "a.weight", "m.bias"], dict.Select(p => p.Key));
        Assert.Equal(2f, dict["a.weight"].ToFloatArray()[0]);
        Assert.False(dict.TryGetValue("b", out _));
        Assert.Throws<KeyNotFoundException>(() => dict["b"]);
    }

    [Fact]
    public void RefusesDuplicateAndEmptyNames()
    {
        var dict = new StateDict();
        dict.Add("w", One(1));

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => dict.Add("w", One(2))).ParamName);
        Assert.Throws<ArgumentException>(() => dict.Add("", One(2)));
        Assert.Single(dict);
    }

    [Fact]
    public void WithoutPrefixStripsDataParallelNamesInOrder()
    {
        var dict = new StateDict();
        dict.Add("module.conv.weight", One(1));
        dict.Add("head.bias", One(2));
        dict.Add("module.conv.bias", One(3));

        var stripped = dict.WithoutPrefix(TorchImportOptions.DataParallelPrefix);

        Assert.Equal(["conv.weight", "head.bias", "conv.bias"], stripped.Keys);
        Assert.Same(dict["module.conv.bias"], stripped["conv.bias"]);
        Assert.Equal(["module.conv.weight", "head.bias", "module.conv.bias"], dict.Keys);
    }

    [Fact]
    public void WithoutPrefixRefusesCollisions()
    {
        var dict = new StateDict();
        dict.Add("module.w", One(1));
        dict.Add("w", One(2));

        Assert.Throws<ArgumentException>(() => dict.WithoutPrefix("module."));
    }
}

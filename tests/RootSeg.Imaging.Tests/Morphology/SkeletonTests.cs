using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Morphology;

public class SkeletonTests
{
    [Fact]
    public void GeneratedTableEqualsScikitImagesTable()
    {
        var reference = AlgFixtures.Ints(AlgFixtures.Load("skeleton_lut.json"), "lut");
        Assert.Equal(reference, SkeletonLookupTable.Build().Select(v => (int)v));
        Assert.Equal(reference, SkeletonLookupTable.Table.Select(v => (int)v));
    }

    [Fact]
    public void DeparturesReallyDepartFromZhangSuen()
    {
        foreach (var (code, value) in SkeletonLookupTable.Departures)
        {
            Assert.NotEqual(value, SkeletonLookupTable.ZhangSuen(code));
        }
    }

    [Fact]
    public void MatchesScikitImagePixelForPixel()
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture, foreground: 255);
            using var skeleton = Skeleton.Apply(mask);
            AlgFixtures.Identical(AlgFixtures.Ints(fixture, "skeleton"), AlgFixtures.Flatten(skeleton).Select(v => (int)v).ToArray(),
                mask.Width, AlgFixtures.Name(fixture));
        }
    }

    [Fact]
    public void SkeletonIsIdempotentAndInsideTheMask()
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture);
            using var once = Skeleton.Apply(mask);
            using var twice = Skeleton.Apply(once);
            Assert.Equal(AlgFixtures.Flatten(once), AlgFixtures.Flatten(twice));
            var inside = AlgFixtures.Flatten(once).Zip(AlgFixtures.Flatten(mask)).All(p => p.First == 0 || p.Second != 0);
            Assert.True(inside, AlgFixtures.Name(fixture));
        }
    }

    [Fact]
    public void LeavesTheInputUnchanged()
    {
        var fixture = AlgFixtures.MaskCases().First(c => AlgFixtures.Name(c) == "rectangle");
        using var mask = AlgFixtures.Mask(fixture);
        var before = AlgFixtures.Flatten(mask);
        using var skeleton = Skeleton.Apply(mask);
        Assert.Equal(before, AlgFixtures.Flatten(mask));
        Assert.True(AlgFixtures.Flatten(skeleton).Count(v => v != 0) < before.Count(v => v != 0));
    }

    [Fact]
    public void RejectsMultiChannelMasks()
    {
        using var rgb = new Raster<byte>(3, 3, 2);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => Skeleton.Apply(rgb)).ParamName);
    }
}

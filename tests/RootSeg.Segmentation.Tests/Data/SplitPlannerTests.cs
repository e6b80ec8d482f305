using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class SplitPlannerTests
{
    private static readonly string[] SixtyFive = Enumerable.Range(0, 65).Select(i => $"img{i:D2}").ToArray();

    [Fact]
    public void RandomSplitOf65GivesSegRootCounts()
    {
        var split = SplitPlanner.Random(SixtyFive, SplitFractions.SegRoot, seed: 3);
        Assert.Equal(new SplitCounts(39, 13, 13, 0), split.Counts);
        Assert.Equal(SixtyFive, split.Train.Concat(split.Validation).Concat(split.Test).Order(StringComparer.Ordinal));
        split.CheckDisjoint();
    }

    [Fact]
    public void SplitsAreDeterministicPerSeed()
    {
        var a = SplitPlanner.Random(SixtyFive, SplitFractions.SegRoot, 3);
        var b = SplitPlanner.Random(SixtyFive.Reverse().ToArray(), SplitFractions.SegRoot, 3);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, SplitPlanner.Random(SixtyFive, SplitFractions.SegRoot, 4).Test);
        var p = SplitPlanner.Paper(SixtyFive, Roots, 10, 9, 5);
        Assert.Equal(p.Validation, SplitPlanner.Paper(SixtyFive, Roots, 10, 9, 5).Validation);
    }

    [Fact]
    public void PaperSplitTakesEvenlySpacedValidationByRootCount()
    {
        // 50 images, as in the paper: 10 test, 2 excluded, 9 of the remaining 38 for validation.
        var stems = SixtyFive.Take(50).ToArray();
        var asked = new List<string>();
        var split = SplitPlanner.Paper(stems, s => { asked.Add(s); return Roots(s); }, 10, 9, seed: 1,
            excluded: ["img00", "img01"]);
        Assert.Equal(new SplitCounts(29, 9, 10, 2), split.Counts);
        Assert.Equal(["img00", "img01"], split.Excluded);
        Assert.DoesNotContain(asked, split.Test.Contains); // test images are never decoded for counting
        var rest = split.Train.Concat(split.Validation).OrderBy(Roots).ToList();
        var expected = Enumerable.Range(0, 9).Select(i => rest[(int)((i + 0.5) * 38 / 9)]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), split.Validation);
        Assert.Equal([2, 6, 10, 14, 19, 23, 27, 31, 35], split.Validation.Select(s => rest.IndexOf(s)).Order());
    }

    [Fact]
    public void RejectsImpossibleRequests()
    {
        Assert.Throws<ArgumentException>("testCount", () => SplitPlanner.Paper(["a", "b"], Roots, 2, 1, 0));
        Assert.Throws<ArgumentException>("excluded", () => SplitPlanner.Random(["a", "b"], SplitFractions.SegRoot, 0, ["c"]));
        Assert.Throws<ArgumentException>("stems", () => SplitPlanner.Random(["a", "a"], SplitFractions.SegRoot, 0));
        Assert.Throws<ArgumentException>("fractions", () => SplitPlanner.Random(["a"], new SplitFractions(0.5, 0.2, 0.2), 0));
    }

    // Root-pixel counts that do not follow stem order.
    private static long Roots(string stem) => (int.Parse(stem[3..]) * 37) % 101;
}

using RootSeg.Baseline.Frangi;

namespace RootSeg.Baseline.Tests.Frangi;

public sealed class FrangiObjectiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frangi-objective-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingImage Image(string stem, bool brightRoots)
    {
        var (grey, labels) = FrangiSegmenterTests.Scene(brightRoots);
        return new TrainingImage(stem, grey, labels);
    }

    [Fact]
    public void ObjectiveIsOneMinusTheMeanF1OfTheImages()
    {
        using var bright = Image("bright", true);
        using var dark = Image("dark", false);
        var parameters = new FrangiParameters(2, 0.5, 0.05, 0.2, 30);
        var objective = new FrangiObjective([bright, dark], maxDegreeOfParallelism: 2);
        var scores = objective.F1Scores(parameters);
        using var brightMask = FrangiSegmenter.SegmentGrey(bright.Grey, parameters);
        using var darkMask = FrangiSegmenter.SegmentGrey(dark.Grey, parameters);
        Assert.Equal(SegmentationScore.F1(brightMask, bright.Labels), scores[0]);
        Assert.Equal(SegmentationScore.F1(darkMask, dark.Labels), scores[1]);
        Assert.Equal(1 - (scores[0] + scores[1]) / 2, objective.Evaluate(parameters), 12);
    }

    [Fact]
    public void AGenerationEvaluatedTogetherEqualsEachCandidateAlone()
    {
        using var bright = Image("bright", true);
        using var dark = Image("dark", false);
        var objective = new FrangiObjective([bright, dark], maxDegreeOfParallelism: 2);
        FrangiParameters[] candidates =
        [
            new(2, 0.5, 0.05, 0.2, 30),
            new(4, 1.5, 0.2, 0.1, 5),
            new(1, 0.2, 0.01, 0.5, 60, BrightRoots: false),
        ];
        var together = objective.EvaluateAll(candidates);
        Assert.Equal(candidates.Select(objective.Evaluate), together);
        Assert.True(together.Distinct().Count() > 1, "the candidates should score differently");
    }

    [Fact]
    public void SearchOverWholeGenerationsMatchesTheSearchOverSingleCandidates()
    {
        using var a = Image("a", true);
        var objective = new FrangiObjective([a]);
        var options = new FrangiSearchOptions { Budget = 40, Seed = 4, MaxDegreeOfParallelism = 2 };
        var single = FrangiSearch.Run(objective.Evaluate, ["a"], options, Path.Combine(_folder, "single.json"));
        var joint = FrangiSearch.Run(candidates => objective.EvaluateAll(candidates), ["a"], options,
            Path.Combine(_folder, "joint.json"));
        Assert.Equal(single.Summary.Objective, joint.Summary.Objective);
        Assert.Equal(single.Parameters, joint.Parameters);
    }

    [Fact]
    public void SearchFindsParametersThatSegmentTheSyntheticRoots()
    {
        // From the centre of the cube (F1 0.70 here) CMA-ES must reach F1 > 0.9 within 200 evaluations, the whole
        // pipeline included (seed 1 reaches 0.925). With scikit-image 0.19's eigenvalue rule it reached 0.994: the
        // paper's (0.14's) rule keeps a small response at saddle points, which caps the F1 on this image.
        using var a = Image("a", true);
        var objective = new FrangiObjective([a]);
        var start = objective.MeanF1(FrangiParameterSpace.ToParameters([0.5, 0.5, 0.5, 0.5, 0.5], 1));
        var result = FrangiSearch.Run(objective.Evaluate, ["a"],
            new FrangiSearchOptions { Budget = 200, Seed = 1, MaxDegreeOfParallelism = 2 },
            Path.Combine(_folder, "log.json"));
        Assert.True(start < 0.8, $"start F1 {start}");
        Assert.True(result.Summary.Objective < 0.1, $"F1 {1 - result.Summary.Objective} from {start}");
        Assert.Equal(result.Summary.Objective, objective.Evaluate(result.Parameters));
    }

    [Fact]
    public void NoImagesIsRejected() =>
        Assert.Equal("images", Assert.Throws<ArgumentException>(() => new FrangiObjective([])).ParamName);
}

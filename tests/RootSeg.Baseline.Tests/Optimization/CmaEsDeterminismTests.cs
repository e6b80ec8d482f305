using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Optimization;

public class CmaEsDeterminismTests
{
    private static CmaEsOptions Options(ulong seed, int threads) => new()
    {
        Seed = seed, MaxEvaluations = 1500, MaxDegreeOfParallelism = threads,
        LowerBounds = Enumerable.Repeat(-2.0, 6).ToArray(), UpperBounds = Enumerable.Repeat(2.0, 6).ToArray(),
    };

    private static readonly double[] Start = [1, -1, 0.5, 0.2, -0.7, 1.5];

    [Fact]
    public void IdenticalSeedsGiveIdenticalRunsWhateverTheParallelism()
    {
        var sequential = CmaEs.Minimize(TestFunctions.Rosenbrock, Start, 0.5, Options(42, 1));
        var parallel = CmaEs.Minimize(TestFunctions.Rosenbrock, Start, 0.5, Options(42, 4));
        Assert.Equal(sequential.BestX, parallel.BestX);
        Assert.Equal(sequential.BestValue, parallel.BestValue);
        Assert.Equal(sequential.Mean, parallel.Mean);
        Assert.Equal(sequential.Evaluations, parallel.Evaluations);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentCandidates()
    {
        var a = new CmaEs(Start, 0.5, Options(1, 1)).Ask();
        var b = new CmaEs(Start, 0.5, Options(2, 1)).Ask();
        Assert.NotEqual(a[0], b[0]);
    }

    [Fact]
    public void ResumingFromSavedJsonContinuesExactly()
    {
        var whole = new CmaEs(Start, 0.5, Options(9, 1));
        var wholeResult = whole.Optimize(TestFunctions.Rosenbrock);

        var first = new CmaEs(Start, 0.5, Options(9, 1));
        for (var g = 0; g < 37; g++)
        {
            var candidates = first.Ask();
            first.Tell(candidates.Select(TestFunctions.Rosenbrock).ToArray());
        }
        var json = first.SaveState().ToJson();
        var resumed = CmaEs.FromState(CmaEsState.FromJson(json, "test"));
        Assert.Equal(37, resumed.Generation);
        var resumedResult = resumed.Optimize(TestFunctions.Rosenbrock);

        Assert.Equal(wholeResult.BestX, resumedResult.BestX);
        Assert.Equal(wholeResult.BestValue, resumedResult.BestValue);
        Assert.Equal(wholeResult.Mean, resumedResult.Mean);
        Assert.Equal(wholeResult.Evaluations, resumedResult.Evaluations);
        Assert.Equal(wholeResult.StopReason, resumedResult.StopReason);
    }

    [Fact]
    public void SavedStateFileRoundTripsAndIsWrittenWhole()
    {
        var es = new CmaEs(Start, 0.5, Options(4, 1));
        var candidates = es.Ask();
        es.Tell(candidates.Select(TestFunctions.Sphere).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"cmaes-{Guid.NewGuid():N}.json");
        try
        {
            es.SaveState().Save(path);
            Assert.False(File.Exists(path + ".tmp"));
            var loaded = CmaEsState.Load(path);
            Assert.Equal(es.SaveState().ToJson(), loaded.ToJson());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StateOfAnotherVersionIsRejectedNamingTheSource()
    {
        var json = new CmaEs(Start, 0.5, Options(4, 1)).SaveState().ToJson()
            .Replace("\"Version\": 1", "\"Version\": 99", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => CmaEsState.FromJson(json, "search.json"));
        Assert.Contains("search.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("99", e.Message, StringComparison.Ordinal);
    }
}

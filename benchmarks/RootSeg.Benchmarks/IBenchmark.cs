namespace RootSeg.Benchmarks;

/// <summary>The RootSeg side of one benchmark; the script under benchmarks/NAME/ runs it against the reference.</summary>
internal interface IBenchmark
{
    /// <summary>The benchmark's name, as on the command line.</summary>
    string Name { get; }

    /// <summary>Runs with the script's arguments; prints results (the script makes the final JSON line).</summary>
    int Run(string[] args);
}

namespace RootSeg.Baseline.Optimization;

/// <summary>
/// Box constraints by repair and penalty, after the boundary handling of Hansen, Niederberger, Guzzella and
/// Koumoutsakos 2009, "A method for handling uncertainty in evolutionary optimization with an application to
/// feedback control of combustion", IEEE TEVC 13(1):180-197, doi:10.1109/TEVC.2008.924423, and the section on
/// boundaries and constraints in the tutorial's Appendix B (arXiv:1604.00772). The objective only ever sees the
/// repaired, feasible point; the strategy learns from the unrepaired sample, ranked by
/// f(repair(x)) + gamma ||x - repair(x)||^2, so the distribution is pulled back towards the box without the bias
/// that feeding repaired points back would cause.
/// </summary>
internal static class BoundPenalty
{
    /// <summary>The point of the box nearest to <paramref name="x"/> (coordinate-wise clamping).</summary>
    public static double[] Repair(ReadOnlySpan<double> x, CmaEsOptions options)
    {
        var repaired = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            repaired[i] = Math.Clamp(x[i], options.Lower(i), options.Upper(i));
        }
        return repaired;
    }

    /// <summary>
    /// The penalty weight gamma of one generation. Hansen et al. start their weights at
    /// 2 delta_fit / (sigma^2 mean_i C_ii), where delta_fit is the interquartile range of the objective values:
    /// one standard deviation of the search distribution outside the box then costs as much as a typical
    /// difference between candidates. Taking it afresh each generation keeps it in scale as the search converges.
    /// </summary>
    /// <param name="values">This generation's objective values (non-finite ones are ignored).</param>
    /// <param name="sigma">The step size.</param>
    /// <param name="meanVariance">The mean diagonal entry of C.</param>
    public static double Weight(ReadOnlySpan<double> values, double sigma, double meanVariance)
    {
        var finite = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                finite.Add(v);
            }
        }
        finite.Sort();
        var spread = finite.Count > 1
            ? finite[(int)(0.75 * (finite.Count - 1))] - finite[(int)(0.25 * (finite.Count - 1))]
            : 0;
        // With flat values only the ranking by distance matters, so any positive weight will do.
        if (!(spread > 0) || !double.IsFinite(spread))
        {
            spread = 1;
        }
        return 2 * spread / (sigma * sigma * meanVariance);
    }

    /// <summary>The squared distance from <paramref name="x"/> to <paramref name="repaired"/>.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> repaired)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - repaired[i];
            sum += d * d;
        }
        return sum;
    }
}

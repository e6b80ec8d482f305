namespace RootSeg.Baseline.Optimization;

/// <summary>Why a CMA-ES run ended (Hansen 2016, arXiv:1604.00772, Appendix B.3 "termination criteria").</summary>
public enum CmaEsStopReason
{
    /// <summary>Still running.</summary>
    None,

    /// <summary>The best objective value reached <see cref="CmaEsOptions.TargetValue"/>.</summary>
    TargetValue,

    /// <summary>The evaluations reached <see cref="CmaEsOptions.MaxEvaluations"/>.</summary>
    MaxEvaluations,

    /// <summary>The range of recent best values and of the last generation fell below
    /// <see cref="CmaEsOptions.TolFun"/>.</summary>
    TolFun,

    /// <summary>The step in every coordinate fell below <see cref="CmaEsOptions.TolX"/>.</summary>
    TolX,

    /// <summary>The medians of the best and of the median values over the last 30% of a long history were no better
    /// than over its first 30%.</summary>
    Stagnation,

    /// <summary>The covariance matrix's condition number exceeded 1e14 or it lost positive definiteness.</summary>
    ConditionCov,
}

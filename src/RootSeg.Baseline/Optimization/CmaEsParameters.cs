namespace RootSeg.Baseline.Optimization;

/// <summary>
/// The strategy parameters of the (mu/mu_w, lambda)-CMA-ES with positive recombination weights only, as in Table 1
/// and Appendix A of Hansen 2016, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772
/// (doi:10.48550/arXiv.1604.00772). The active (negative) weights of that tutorial are not used: the baseline's
/// objective is a noisy step function of five parameters, where the plain rank-mu update is the safer choice.
/// </summary>
internal sealed class CmaEsParameters
{
    public CmaEsParameters(int dimension, int populationSize)
    {
        N = dimension;
        // Eq. (48): lambda = 4 + floor(3 ln n), mu = floor(lambda / 2).
        Lambda = populationSize > 0 ? populationSize : 4 + (int)Math.Floor(3 * Math.Log(dimension));
        Mu = Lambda / 2;
        // Eq. (49): w'_i = ln((lambda + 1) / 2) - ln i for i <= mu, then normalised to sum 1 (eq. 53, positive part).
        Weights = new double[Mu];
        for (var i = 0; i < Mu; i++)
        {
            Weights[i] = Math.Log((Lambda + 1) / 2.0) - Math.Log(i + 1);
        }
        var sum = Weights.Sum();
        for (var i = 0; i < Mu; i++)
        {
            Weights[i] /= sum;
        }
        MuEff = 1 / Weights.Sum(w => w * w);
        double n = dimension;
        // Eq. (54): c_m = 1.
        Cm = 1;
        // Eq. (55): cumulation and damping of step-size control.
        CSigma = (MuEff + 2) / (n + MuEff + 5);
        DSigma = 1 + 2 * Math.Max(0, Math.Sqrt((MuEff - 1) / (n + 1)) - 1) + CSigma;
        // Eq. (56): cumulation for the rank-one update.
        Cc = (4 + MuEff / n) / (n + 4 + 2 * MuEff / n);
        // Eq. (57) and (58) with alpha_cov = 2.
        const double alphaCov = 2;
        C1 = alphaCov / ((n + 1.3) * (n + 1.3) + MuEff);
        CMu = Math.Min(1 - C1,
            alphaCov * (0.25 + MuEff + 1 / MuEff - 2) / ((n + 2) * (n + 2) + alphaCov * MuEff / 2));
        // E||N(0, I)||, the approximation below eq. (44).
        ChiN = Math.Sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
        // Appendix B.2: decompose C every lambda / ((c1 + c_mu) n 10) evaluations, keeping the O(n^3) work per
        // evaluation at O(n^2) while B and D lag the true C by little.
        EigenInterval = Math.Max(1, (int)Math.Floor(1 / ((C1 + CMu) * n * 10)));
        // Appendix B.3: the history lengths of the TolFun and stagnation criteria.
        TolFunHistory = 10 + (int)Math.Ceiling(30 * n / Lambda);
        StagnationMinHistory = 120 + (int)Math.Ceiling(30 * n / Lambda);
    }

    public int N { get; }
    public int Lambda { get; }
    public int Mu { get; }
    public double[] Weights { get; }
    public double MuEff { get; }
    public double Cm { get; }
    public double CSigma { get; }
    public double DSigma { get; }
    public double Cc { get; }
    public double C1 { get; }
    public double CMu { get; }
    public double ChiN { get; }
    public int EigenInterval { get; }
    public int TolFunHistory { get; }
    public int StagnationMinHistory { get; }

    /// <summary>The longest history the stagnation criterion looks at (Appendix B.3).</summary>
    public const int StagnationMaxHistory = 20_000;
}

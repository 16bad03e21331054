namespace GpuLm.Minpack;

/// <summary>
/// The arrays <see cref="Lmder"/> works in for one problem of m residuals and n parameters:
/// MINPACK's <c>fvec, fjac, diag, qtf, ipvt, wa1..wa4</c>. Reusable across problems of the
/// same size, so a batch fits without allocating.
/// </summary>
internal sealed class LmderWorkspace
{
    /// <summary>Creates the arrays for problems of <paramref name="m"/> residuals and
    /// <paramref name="n"/> parameters.</summary>
    /// <param name="m">The number of residuals.</param>
    /// <param name="n">The number of parameters.</param>
    public LmderWorkspace(int m, int n)
    {
        M = m;
        N = n;
        Fvec = new double[m];
        Fjac = new double[m * n];
        Diag = new double[n];
        Qtf = new double[n];
        Ipvt = new int[n];
        Wa1 = new double[n];
        Wa2 = new double[n];
        Wa3 = new double[n];
        Wa4 = new double[m];
    }

    /// <summary>The number of residuals.</summary>
    public int M { get; }

    /// <summary>The number of parameters.</summary>
    public int N { get; }

    /// <summary>The residuals at the final x.</summary>
    public double[] Fvec { get; }

    /// <summary>Column-major m×n: R in the upper triangle of the first n rows, the
    /// Householder vectors below (MINPACK's <c>fjac</c> on output). Its memory order is
    /// scipy's n×m <c>infodict['fjac']</c>.</summary>
    public double[] Fjac { get; }

    /// <summary>The scale factors: input with <c>mode = 2</c>, computed with <c>mode = 1</c>.</summary>
    public double[] Diag { get; }

    /// <summary>The first n elements of Qᵀ·fvec.</summary>
    public double[] Qtf { get; }

    /// <summary>The column permutation of the final QR factorization, 0-based.</summary>
    public int[] Ipvt { get; }

    /// <summary>Work array of length n.</summary>
    public double[] Wa1 { get; }

    /// <summary>Work array of length n.</summary>
    public double[] Wa2 { get; }

    /// <summary>Work array of length n.</summary>
    public double[] Wa3 { get; }

    /// <summary>Work array of length m.</summary>
    public double[] Wa4 { get; }
}

namespace GpuLm;

/// <summary>
/// What <c>scipy.optimize.leastsq(..., full_output=True)</c> returns for one problem.
/// </summary>
/// <remarks>
/// <c>x, cov_x, infodict, mesg, ier</c> flattened into one object: <see cref="Fvec"/>,
/// <see cref="Fjac"/>, <see cref="Ipvt"/>, <see cref="Qtf"/>, <see cref="Nfev"/> and
/// <see cref="Njev"/> are infodict's entries.
/// </remarks>
public sealed class LeastSqResult
{
    /// <summary>The solution (or the last iterate, if the fit did not succeed).</summary>
    public required double[] X { get; init; }

    /// <summary>The inverse of JᵀJ at the solution, n×n, from R as scipy computes it; null
    /// where scipy returns None (ier not in 1..4, or R singular). Multiply by
    /// <c>RSS/(m − n)</c> for the parameter covariance, as curve_fit does.</summary>
    public double[,]? CovX { get; init; }

    /// <summary>The number of calls to func (infodict['nfev']); with finite differences it
    /// includes the n calls of each Jacobian.</summary>
    public required int Nfev { get; init; }

    /// <summary>The number of Jacobian evaluations (infodict['njev']). scipy reports it only
    /// with a Jacobian function; GpuLm also counts the finite-difference Jacobians.</summary>
    public required int Njev { get; init; }

    /// <summary>The residuals at <see cref="X"/> (infodict['fvec']).</summary>
    public required double[] Fvec { get; init; }

    /// <summary>infodict['fjac'], n×m: the transpose of MINPACK's fjac. The upper triangle of
    /// its first n columns, transposed, is R of J·P = Q·R; the rest holds the Householder
    /// vectors.</summary>
    public required double[,] Fjac { get; init; }

    /// <summary>The column permutation P of the final QR factorization, 1-based as scipy
    /// gives it (infodict['ipvt']).</summary>
    public required int[] Ipvt { get; init; }

    /// <summary>The first n elements of Qᵀ·fvec (infodict['qtf']).</summary>
    public required double[] Qtf { get; init; }

    /// <summary>The status code; see <see cref="LeastSqStatus"/>.</summary>
    public required int Ier { get; init; }

    /// <summary>scipy's message for <see cref="Ier"/>.</summary>
    public required string Mesg { get; init; }

    /// <summary>Whether <see cref="Ier"/> is 1, 2, 3 or 4, the codes scipy counts as success.</summary>
    public bool Success => LeastSqStatus.IsSuccess(Ier);

    /// <summary>The sum of squares of <see cref="Fvec"/>, summed in index order.</summary>
    public double Rss
    {
        get
        {
            double sum = 0.0;
            foreach (double f in Fvec)
            {
                sum += f * f;
            }

            return sum;
        }
    }
}

namespace GpuLm;

/// <summary>
/// One row of a <see cref="FitResult"/>, shaped like a <see cref="LeastSqResult"/>, with
/// curve_fit's conveniences.
/// </summary>
public sealed class FitResultRow
{
    /// <summary>The solution.</summary>
    public required double[] X { get; init; }

    /// <summary>The status; see <see cref="LeastSqStatus"/>.</summary>
    public required int Ier { get; init; }

    /// <summary>scipy's message for <see cref="Ier"/>.</summary>
    public required string Mesg { get; init; }

    /// <summary>The residual evaluations.</summary>
    public required int Nfev { get; init; }

    /// <summary>The Jacobian evaluations.</summary>
    public required int Njev { get; init; }

    /// <summary>‖fvec‖ at the solution.</summary>
    public required double Fnorm { get; init; }

    /// <summary>m, the number of residuals.</summary>
    public required int PointCount { get; init; }

    /// <summary>The residuals, if they were asked for.</summary>
    public double[]? Fvec { get; init; }

    /// <summary>infodict['fjac'] (n×m), if it was asked for.</summary>
    public double[,]? Fjac { get; init; }

    /// <summary>The 1-based permutation, if it was asked for.</summary>
    public int[]? Ipvt { get; init; }

    /// <summary>Qᵀ·fvec's first n elements, if they were asked for.</summary>
    public double[]? Qtf { get; init; }

    /// <summary>cov_x, if it was asked for and scipy would not return None.</summary>
    public double[,]? CovX { get; init; }

    /// <summary>Whether <see cref="Ier"/> is 1 to 4.</summary>
    public bool Success => LeastSqStatus.IsSuccess(Ier);

    /// <summary>The residual sum of squares: Σ fvec² in index order where
    /// <see cref="Fvec"/> was kept, else <see cref="Fnorm"/>².</summary>
    public double Rss
    {
        get
        {
            if (Fvec is null)
            {
                return Fnorm * Fnorm;
            }

            double sum = 0.0;
            foreach (double f in Fvec)
            {
                sum += f * f;
            }

            return sum;
        }
    }

    /// <summary>curve_fit's pcov: <c>CovX · RSS/(m − n)</c>; null where there is no cov_x
    /// or no degree of freedom.</summary>
    /// <returns>The n×n parameter covariance, or null.</returns>
    public double[,]? Pcov()
    {
        int n = X.Length;
        if (CovX is null || PointCount <= n)
        {
            return null;
        }

        double s2 = Rss / (PointCount - n);
        var pcov = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                pcov[i, j] = CovX[i, j] * s2;
            }
        }

        return pcov;
    }

    /// <summary>The standard errors of the parameters, <c>sqrt(diag(pcov))</c>; null where
    /// <see cref="Pcov"/> is.</summary>
    /// <returns>The n standard errors, or null.</returns>
    public double[]? StandardErrors()
    {
        double[,]? pcov = Pcov();
        if (pcov is null)
        {
            return null;
        }

        var se = new double[X.Length];
        for (int j = 0; j < se.Length; j++)
        {
            se[j] = Math.Sqrt(pcov[j, j]);
        }

        return se;
    }
}

namespace GpuLm.Minpack;

/// <summary>
/// The covariance estimate <c>cov_x</c> that <c>scipy.optimize.leastsq</c> derives from
/// MINPACK's <c>fjac</c> and <c>ipvt</c>: <c>(JᵀJ)⁻¹</c> at the solution, from R alone.
/// </summary>
/// <remarks>
/// With J·P = Q·R, <c>(JᵀJ)⁻¹ = P·R⁻¹·R⁻ᵀ·Pᵀ</c>. As scipy does, R⁻¹ is formed by LAPACK's
/// unblocked upper triangular inversion (<c>dtrti2</c>, what <c>trtri</c> runs for n below its
/// block size), its rows are permuted by ipvt, and the product is taken. No covariance
/// exists where R has an exactly zero diagonal element (trtri's <c>info &gt; 0</c>); scipy then
/// returns None. Multiply by <c>RSS/(m − n)</c> for the parameter covariance of a curve fit.
/// </remarks>
internal static class Covariance
{
    /// <summary>Computes cov_x into <paramref name="cov"/>.</summary>
    /// <param name="m">The number of residuals (the leading dimension of
    /// <paramref name="fjac"/>).</param>
    /// <param name="n">The number of parameters.</param>
    /// <param name="fjac">MINPACK's column-major m×n <c>fjac</c> output.</param>
    /// <param name="ipvt">MINPACK's permutation, 0-based.</param>
    /// <param name="cov">Receives the n×n covariance (symmetric).</param>
    /// <param name="work">Work array of length n·n.</param>
    /// <returns>False, leaving <paramref name="cov"/> unspecified, where R is singular.</returns>
    public static bool TryCompute(
        int m, int n, ReadOnlySpan<double> fjac, ReadOnlySpan<int> ipvt, Span<double> cov,
        Span<double> work)
    {
        // a holds R (column-major n×n, zero below the diagonal) and becomes R⁻¹.
        Span<double> a = work[..(n * n)];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i + j * n] = i <= j ? fjac[i + j * m] : 0.0;
            }
        }

        // trtri: a singular triangle has no inverse.
        for (int j = 0; j < n; j++)
        {
            if (a[j + j * n] == 0.0)
            {
                return false;
            }
        }

        // trti2: column j of the inverse from the inverted leading block.
        for (int j = 0; j < n; j++)
        {
            int cj = j * n;
            a[cj + j] = 1.0 / a[cj + j];
            double ajj = -a[cj + j];

            // x := T·x with T the leading j×j block (trmv, upper, no transpose).
            for (int k = 0; k < j; k++)
            {
                double temp = a[cj + k];
                if (temp != 0.0)
                {
                    for (int i = 0; i < k; i++)
                    {
                        a[cj + i] += temp * a[i + k * n];
                    }

                    a[cj + k] *= a[k + k * n];
                }
            }

            for (int i = 0; i < j; i++)
            {
                a[cj + i] *= ajj;
            }
        }

        // cov = (P·R⁻¹)·(P·R⁻¹)ᵀ: row i of R⁻¹ is row ipvt[i] of P·R⁻¹.
        for (int p = 0; p < n; p++)
        {
            for (int q = 0; q < n; q++)
            {
                cov[ipvt[p] * n + ipvt[q]] = RowDot(a, n, p, q);
            }
        }

        return true;
    }

    private static double RowDot(ReadOnlySpan<double> a, int n, int p, int q)
    {
        double sum = 0.0;
        for (int k = 0; k < n; k++)
        {
            sum += a[p + k * n] * a[q + k * n];
        }

        return sum;
    }
}

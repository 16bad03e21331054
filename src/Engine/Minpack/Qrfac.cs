using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>qrfac</c>: the QR factorization of an m×n matrix by Householder
/// transformations, optionally with column pivoting.
/// </summary>
/// <remarks>
/// Determines an orthogonal Q, a permutation P and an upper trapezoidal R with diagonal
/// elements of non-increasing magnitude such that A·P = Q·R. The Householder transformation
/// for column k is <c>I − (1/u_k)·u·uᵀ</c>, where u has zeros in its first k−1 positions.
/// Matrices are column-major (Fortran order): element (i, j) is <c>a[i + j*lda]</c>.
/// </remarks>
internal static class Qrfac
{
    /// <summary>Factors <paramref name="a"/> in place.</summary>
    /// <param name="m">The number of rows of A.</param>
    /// <param name="n">The number of columns of A.</param>
    /// <param name="a">On input the m×n matrix A; on output the strict upper trapezoidal part
    /// holds the strict upper trapezoidal part of R and the lower trapezoidal part holds the
    /// factored form of Q (the non-trivial elements of the u vectors).</param>
    /// <param name="lda">The leading dimension of <paramref name="a"/>, at least m.</param>
    /// <param name="pivot">Whether to enforce column pivoting.</param>
    /// <param name="ipvt">With pivoting, receives the permutation P: column j of P is column
    /// <c>ipvt[j]</c> (0-based) of the identity.</param>
    /// <param name="rdiag">Receives the n diagonal elements of R.</param>
    /// <param name="acnorm">Receives the n norms of the columns of the input A.</param>
    /// <param name="wa">Work array of length n.</param>
    public static void Factor(
        int m, int n, Span<double> a, int lda, bool pivot,
        Span<int> ipvt, Span<double> rdiag, Span<double> acnorm, Span<double> wa)
    {
        // compute the initial column norms and initialize several arrays.
        for (int j = 0; j < n; j++)
        {
            acnorm[j] = Enorm.Compute(a.Slice(j * lda, m));
            rdiag[j] = acnorm[j];
            wa[j] = rdiag[j];
            if (pivot)
            {
                ipvt[j] = j;
            }
        }

        // reduce a to r with householder transformations.
        int minmn = Math.Min(m, n);
        for (int j = 0; j < minmn; j++)
        {
            int cj = j * lda;
            if (pivot)
            {
                // bring the column of largest norm into the pivot position.
                int kmax = j;
                for (int k = j; k < n; k++)
                {
                    if (rdiag[k] > rdiag[kmax])
                    {
                        kmax = k;
                    }
                }

                if (kmax != j)
                {
                    ColumnOps.Swap(a, cj, kmax * lda, m);

                    rdiag[kmax] = rdiag[j];
                    wa[kmax] = wa[j];
                    (ipvt[j], ipvt[kmax]) = (ipvt[kmax], ipvt[j]);
                }
            }

            // compute the householder transformation to reduce the
            // j-th column of a to a multiple of the j-th unit vector.
            double ajnorm = Enorm.Compute(a.Slice(cj + j, m - j));
            if (ajnorm != Zero)
            {
                if (a[cj + j] < Zero)
                {
                    ajnorm = -ajnorm;
                }

                ColumnOps.Divide(a, cj + j, ajnorm, m - j);

                a[cj + j] += One;

                // apply the transformation to the remaining columns
                // and update the norms.
                for (int k = j + 1; k < n; k++)
                {
                    int ck = k * lda;
                    double sum = ColumnOps.Dot(a, cj + j, a, ck + j, m - j);
                    double temp = sum / a[cj + j];
                    ColumnOps.SubtractScaled(a, ck + j, temp, a, cj + j, m - j);

                    if (pivot && rdiag[k] != Zero)
                    {
                        temp = a[ck + j] / rdiag[k];
                        rdiag[k] *= Math.Sqrt(Math.Max(Zero, One - temp * temp));
                        double ratio = rdiag[k] / wa[k];
                        if (!(P05 * (ratio * ratio) > Epsmch))
                        {
                            rdiag[k] = Enorm.Compute(a.Slice(ck + j + 1, m - j - 1));
                            wa[k] = rdiag[k];
                        }
                    }
                }
            }

            rdiag[j] = -ajnorm;
        }
    }
}

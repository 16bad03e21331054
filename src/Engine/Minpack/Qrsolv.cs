using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>qrsolv</c>: completes the solution of a least-squares problem whose matrix
/// has been QR-factored, with a diagonal regularisation.
/// </summary>
/// <remarks>
/// Given A·P = Q·R, a diagonal D and b, finds x solving A·x = b, D·x = 0 in the least-squares
/// sense using Qᵀb and R. A Givens sweep computes the upper triangular S with
/// Pᵀ(AᵀA + DD)P = SᵀS; S is returned through the strict lower triangle of
/// <c>r</c> and <c>sdiag</c>. Column-major, element (i, j) at <c>r[i + j*ldr]</c>.
/// </remarks>
internal static class Qrsolv
{
    /// <summary>Solves the regularised system.</summary>
    /// <param name="n">The order of R.</param>
    /// <param name="r">On input the full upper triangle holds R; on output the full upper
    /// triangle is unaltered and the strict lower triangle holds the strict upper triangle of
    /// S, transposed.</param>
    /// <param name="ldr">The leading dimension of <paramref name="r"/>, at least n.</param>
    /// <param name="ipvt">The permutation P (0-based).</param>
    /// <param name="diag">The diagonal elements of D.</param>
    /// <param name="qtb">The first n elements of Qᵀb.</param>
    /// <param name="x">Receives the least-squares solution.</param>
    /// <param name="sdiag">Receives the diagonal elements of S.</param>
    /// <param name="wa">Work array of length n.</param>
    public static void Solve(
        int n, Span<double> r, int ldr, ReadOnlySpan<int> ipvt, ReadOnlySpan<double> diag,
        ReadOnlySpan<double> qtb, Span<double> x, Span<double> sdiag, Span<double> wa)
    {
        // copy r and (q transpose)*b to preserve input and initialize s.
        // in particular, save the diagonal elements of r in x.
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++)
            {
                r[i + j * ldr] = r[j + i * ldr];
            }

            x[j] = r[j + j * ldr];
            wa[j] = qtb[j];
        }

        // eliminate the diagonal matrix d using a givens rotation.
        for (int j = 0; j < n; j++)
        {
            // prepare the row of d to be eliminated, locating the
            // diagonal element using p from the qr factorization.
            int l = ipvt[j];
            if (diag[l] != Zero)
            {
                for (int k = j; k < n; k++)
                {
                    sdiag[k] = Zero;
                }

                sdiag[j] = diag[l];

                // the transformations to eliminate the row of d
                // modify only a single element of (q transpose)*b
                // beyond the first n, which is initially zero.
                double qtbpj = Zero;
                for (int k = j; k < n; k++)
                {
                    // determine a givens rotation which eliminates the
                    // appropriate element in the current row of d.
                    if (sdiag[k] == Zero)
                    {
                        continue;
                    }

                    int kk = k + k * ldr;
                    double sin;
                    double cos;
                    if (Math.Abs(r[kk]) >= Math.Abs(sdiag[k]))
                    {
                        double tan = sdiag[k] / r[kk];
                        cos = P5 / Math.Sqrt(P25 + P25 * (tan * tan));
                        sin = cos * tan;
                    }
                    else
                    {
                        double cotan = r[kk] / sdiag[k];
                        sin = P5 / Math.Sqrt(P25 + P25 * (cotan * cotan));
                        cos = sin * cotan;
                    }

                    // compute the modified diagonal element of r and
                    // the modified element of ((q transpose)*b,0).
                    r[kk] = cos * r[kk] + sin * sdiag[k];
                    double temp = cos * wa[k] + sin * qtbpj;
                    qtbpj = -sin * wa[k] + cos * qtbpj;
                    wa[k] = temp;

                    // accumulate the tranformation in the row of s.
                    for (int i = k + 1; i < n; i++)
                    {
                        int ik = i + k * ldr;
                        temp = cos * r[ik] + sin * sdiag[i];
                        sdiag[i] = -sin * r[ik] + cos * sdiag[i];
                        r[ik] = temp;
                    }
                }
            }

            // store the diagonal element of s and restore
            // the corresponding diagonal element of r.
            sdiag[j] = r[j + j * ldr];
            r[j + j * ldr] = x[j];
        }

        // solve the triangular system for z. if the system is
        // singular, then obtain a least squares solution.
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            if (sdiag[j] == Zero && nsing == n)
            {
                nsing = j;
            }

            if (nsing < n)
            {
                wa[j] = Zero;
            }
        }

        for (int j = nsing - 1; j >= 0; j--)
        {
            double sum = Zero;
            for (int i = j + 1; i < nsing; i++)
            {
                sum += r[i + j * ldr] * wa[i];
            }

            wa[j] = (wa[j] - sum) / sdiag[j];
        }

        // permute the components of z back to components of x.
        for (int j = 0; j < n; j++)
        {
            x[ipvt[j]] = wa[j];
        }
    }
}

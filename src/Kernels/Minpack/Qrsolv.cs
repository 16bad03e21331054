using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>MINPACK qrsolv (<c>Engine/Minpack/Qrsolv.cs</c>), by one thread.</summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>
    /// Given A·P = Q·R, a diagonal D and b, finds x solving A·x = b, D·x = 0 in the
    /// least-squares sense from Qᵀ·b and R.
    /// </summary>
    /// <param name="n">The order of R.</param>
    /// <param name="r">Column-major, leading dimension <paramref name="ldr"/>: on input R in
    /// the full upper triangle; on output the upper triangle unaltered, the strict upper
    /// triangle of S transposed in the strict lower triangle.</param>
    /// <param name="ldr">The leading dimension of <paramref name="r"/>.</param>
    /// <param name="ipvt">The permutation P (0-based).</param>
    /// <param name="diag">The diagonal of D.</param>
    /// <param name="qtb">The first n elements of Qᵀ·b.</param>
    /// <param name="x">Receives the least-squares solution.</param>
    /// <param name="sdiag">Receives the diagonal of S.</param>
    /// <param name="wa">Work array of length n.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Qrsolv(
        int n, ArrayView<TReal> r, int ldr, ArrayView<int> ipvt, ArrayView<TReal> diag, ArrayView<TReal> qtb,
        ArrayView<TReal> x, ArrayView<TReal> sdiag, ArrayView<TReal> wa)
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
                TReal qtbpj = Zero;
                for (int k = j; k < n; k++)
                {
                    // determine a givens rotation which eliminates the
                    // appropriate element in the current row of d.
                    if (sdiag[k] == Zero)
                    {
                        continue;
                    }

                    int kk = k + k * ldr;
                    TReal sn;
                    TReal cs;
                    if (Ge(TReal.Abs(r[kk]), TReal.Abs(sdiag[k])))
                    {
                        TReal tn = sdiag[k] / r[kk];
                        cs = P5 / TReal.Sqrt(P25 + P25 * (tn * tn));
                        sn = cs * tn;
                    }
                    else
                    {
                        TReal cotan = r[kk] / sdiag[k];
                        sn = P5 / TReal.Sqrt(P25 + P25 * (cotan * cotan));
                        cs = sn * cotan;
                    }

                    // compute the modified diagonal element of r and
                    // the modified element of ((q transpose)*b,0).
                    r[kk] = cs * r[kk] + sn * sdiag[k];
                    TReal temp = cs * wa[k] + sn * qtbpj;
                    qtbpj = -sn * wa[k] + cs * qtbpj;
                    wa[k] = temp;

                    // accumulate the tranformation in the row of s.
                    for (int i = k + 1; i < n; i++)
                    {
                        int ik = i + k * ldr;
                        temp = cs * r[ik] + sn * sdiag[i];
                        sdiag[i] = -sn * r[ik] + cs * sdiag[i];
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
            TReal sum = Zero;
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

using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>MINPACK qrfac (<c>Engine/Minpack/Qrfac.cs</c>), by the team.</summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>
    /// Householder QR with column pivoting of the m×n matrix <paramref name="a"/>
    /// (column-major, leading dimension m ≥ n): A·P = Q·R.
    /// </summary>
    /// <param name="m">The rows of A.</param>
    /// <param name="a">On input the matrix; on output R in the upper triangle of the first n
    /// rows (its diagonal in <paramref name="rdiag"/>), the Householder vectors below.</param>
    /// <param name="ipvt">Receives the permutation P (0-based): column j of P is column ipvt[j] of I.</param>
    /// <param name="rdiag">Receives the n diagonal elements of R.</param>
    /// <param name="acnorm">Receives the n norms of the columns of the input A.</param>
    /// <param name="wa">Work array of length n.</param>
    /// <param name="lid">This thread's index in the team.</param>
    /// <remarks>The column loops over m are split across the team; the n-vectors are written
    /// by thread 0 between barriers, which stand outside the conditions (the conditions are
    /// the team's alike; their work is guarded instead).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Qrfac(
        int m, ArrayView<TReal> a, ArrayView<int> ipvt, ArrayView<TReal> rdiag, ArrayView<TReal> acnorm,
        ArrayView<TReal> wa, int lid)
    {
        int n = N;

        // compute the initial column norms and initialize several arrays.
        for (int j = 0; j < n; j++)
        {
            TReal norm = TeamEnorm(a.SubView(j * m, m), m);
            if (lid == 0)
            {
                acnorm[j] = norm;
                rdiag[j] = norm;
                wa[j] = norm;
                ipvt[j] = j;
            }
        }

        Barrier();

        // reduce a to r with householder transformations.
        for (int j = 0; j < n; j++)
        {
            ArrayView<TReal> aj = a.SubView(j * m, m);

            // bring the column of largest norm into the pivot position.
            int kmax = j;
            for (int k = j; k < n; k++)
            {
                if (Gt(rdiag[k], rdiag[kmax]))
                {
                    kmax = k;
                }
            }

            if (kmax != j)
            {
                ArrayView<TReal> ak = a.SubView(kmax * m, m);
                for (int i = lid; i < m; i += Team)
                {
                    TReal temp = aj[i];
                    aj[i] = ak[i];
                    ak[i] = temp;
                }
            }

            Barrier();
            if (kmax != j && lid == 0)
            {
                rdiag[kmax] = rdiag[j];
                wa[kmax] = wa[j];
                int k = ipvt[j];
                ipvt[j] = ipvt[kmax];
                ipvt[kmax] = k;
            }

            Barrier();

            // compute the householder transformation to reduce the
            // j-th column of a to a multiple of the j-th unit vector.
            TReal ajnorm = TeamEnorm(aj.SubView(j, m - j), m - j);
            bool nonzero = ajnorm != Zero;
            if (nonzero && Lt(aj[j], Zero))
            {
                ajnorm = -ajnorm;
            }

            Barrier();
            if (nonzero)
            {
                for (int i = j + lid; i < m; i += Team)
                {
                    aj[i] /= ajnorm;
                }
            }

            Barrier();
            if (nonzero && lid == 0)
            {
                aj[j] += One;
            }

            Barrier();

            // apply the transformation to the remaining columns
            // and update the norms.
            for (int k = j + 1; k < n; k++)
            {
                ArrayView<TReal> ak = a.SubView(k * m, m);
                TReal sum = TeamDot(aj.SubView(j, m - j), ak.SubView(j, m - j), m - j);
                if (nonzero)
                {
                    TReal temp = sum / aj[j];
                    for (int i = j + lid; i < m; i += Team)
                    {
                        ak[i] -= temp * aj[i];
                    }
                }

                Barrier();
                bool update = nonzero && rdiag[k] != Zero;
                TReal rk = Zero;
                bool recompute = false;
                if (update)
                {
                    TReal temp = ak[j] / rdiag[k];
                    rk = rdiag[k] * TReal.Sqrt(Max(Zero, One - temp * temp));
                    TReal ratio = rk / wa[k];
                    recompute = !Gt(P05 * (ratio * ratio), TMachine.Epsmch);
                }

                rk = TeamEnormIf(recompute, ak.SubView(j + 1, m - j - 1), m - j - 1, rk);
                Barrier();
                if (update && lid == 0)
                {
                    rdiag[k] = rk;
                    if (recompute)
                    {
                        wa[k] = rk;
                    }
                }

                Barrier();
            }

            if (lid == 0)
            {
                rdiag[j] = -ajnorm;
            }

            Barrier();
        }
    }
}

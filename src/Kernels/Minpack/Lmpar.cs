using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>MINPACK lmpar (<c>Engine/Minpack/Lmpar.cs</c>), by one thread.</summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>
    /// The Levenberg-Marquardt parameter par for a trust region of radius
    /// <paramref name="delta"/>, and the step x it gives.
    /// </summary>
    /// <param name="n">The order of R.</param>
    /// <param name="r">Column-major, leading dimension <paramref name="ldr"/>: R in the full
    /// upper triangle (unaltered); on output the strict lower triangle holds S transposed.</param>
    /// <param name="ldr">The leading dimension of <paramref name="r"/>.</param>
    /// <param name="ipvt">The permutation P (0-based).</param>
    /// <param name="diag">The diagonal of D.</param>
    /// <param name="qtb">The first n elements of Qᵀ·b.</param>
    /// <param name="delta">The trust-region radius, positive.</param>
    /// <param name="par">On input an initial estimate; on output the final estimate.</param>
    /// <param name="x">Receives the least-squares solution for the final par.</param>
    /// <param name="sdiag">Receives the diagonal of S.</param>
    /// <param name="wa1">Work array of length n.</param>
    /// <param name="wa2">Work array of length n.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal Lmpar(
        int n, ArrayView<TReal> r, int ldr, ArrayView<int> ipvt, ArrayView<TReal> diag, ArrayView<TReal> qtb,
        TReal delta, TReal par, ArrayView<TReal> x, ArrayView<TReal> sdiag, ArrayView<TReal> wa1, ArrayView<TReal> wa2)
    {
        // compute and store in x the gauss-newton direction. if the
        // jacobian is rank-deficient, obtain a least squares solution.
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            wa1[j] = qtb[j];
            if (r[j + j * ldr] == Zero && nsing == n)
            {
                nsing = j;
            }

            if (nsing < n)
            {
                wa1[j] = Zero;
            }
        }

        for (int j = nsing - 1; j >= 0; j--)
        {
            wa1[j] /= r[j + j * ldr];
            TReal temp = wa1[j];
            for (int i = 0; i < j; i++)
            {
                wa1[i] -= r[i + j * ldr] * temp;
            }
        }

        for (int j = 0; j < n; j++)
        {
            x[ipvt[j]] = wa1[j];
        }

        // initialize the iteration counter.
        // evaluate the function at the origin, and test
        // for acceptance of the gauss-newton direction.
        int iter = 0;
        for (int j = 0; j < n; j++)
        {
            wa2[j] = diag[j] * x[j];
        }

        TReal dxnorm = Enorm(wa2, n);
        TReal fp = dxnorm - delta;
        if (Le(fp, P1 * delta))
        {
            // termination.
            return Zero;
        }

        // if the jacobian is not rank deficient, the newton
        // step provides a lower bound, parl, for the zero of
        // the function. otherwise set this bound to zero.
        TReal parl = Zero;
        if (nsing >= n)
        {
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }

            for (int j = 0; j < n; j++)
            {
                TReal sum = Zero;
                for (int i = 0; i < j; i++)
                {
                    sum += r[i + j * ldr] * wa1[i];
                }

                wa1[j] = (wa1[j] - sum) / r[j + j * ldr];
            }

            TReal temp = Enorm(wa1, n);
            parl = ((fp / delta) / temp) / temp;
        }

        // calculate an upper bound, paru, for the zero of the function.
        for (int j = 0; j < n; j++)
        {
            TReal sum = Zero;
            for (int i = 0; i <= j; i++)
            {
                sum += r[i + j * ldr] * qtb[i];
            }

            wa1[j] = sum / diag[ipvt[j]];
        }

        TReal gnorm = Enorm(wa1, n);
        TReal paru = gnorm / delta;
        if (paru == Zero)
        {
            paru = TMachine.Dwarf / Min(delta, P1);
        }

        // if the input par lies outside of the interval (parl,paru),
        // set par to the closer endpoint.
        par = Max(par, parl);
        par = Min(par, paru);
        if (par == Zero)
        {
            par = gnorm / dxnorm;
        }

        // beginning of an iteration.
        while (true)
        {
            iter++;

            // evaluate the function at the current value of par.
            if (par == Zero)
            {
                par = Max(TMachine.Dwarf, P001 * paru);
            }

            TReal temp = TReal.Sqrt(par);
            for (int j = 0; j < n; j++)
            {
                wa1[j] = temp * diag[j];
            }

            Qrsolv(n, r, ldr, ipvt, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++)
            {
                wa2[j] = diag[j] * x[j];
            }

            dxnorm = Enorm(wa2, n);
            temp = fp;
            fp = dxnorm - delta;

            // if the function is small enough, accept the current value
            // of par. also test for the exceptional cases where parl
            // is zero or the number of iterations has reached 10.
            if (Le(TReal.Abs(fp), P1 * delta)
                || (parl == Zero && Le(fp, temp) && Lt(temp, Zero))
                || iter == 10)
            {
                break;
            }

            // compute the newton correction.
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }

            for (int j = 0; j < n; j++)
            {
                wa1[j] /= sdiag[j];
                temp = wa1[j];
                for (int i = j + 1; i < n; i++)
                {
                    wa1[i] -= r[i + j * ldr] * temp;
                }
            }

            temp = Enorm(wa1, n);
            TReal parc = ((fp / delta) / temp) / temp;

            // depending on the sign of the function, update parl or paru.
            if (Gt(fp, Zero))
            {
                parl = Max(parl, par);
            }

            if (Lt(fp, Zero))
            {
                paru = Min(paru, par);
            }

            // compute an improved estimate for par.
            par = Max(parl, par + parc);
        }

        // termination.
        return iter == 0 ? Zero : par;
    }
}

using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>lmpar</c>: the Levenberg-Marquardt parameter for a trust region of radius
/// delta.
/// </summary>
/// <remarks>
/// Given A·P = Q·R, a positive diagonal D, b and delta > 0, finds par such that, with x
/// solving A·x = b, sqrt(par)·D·x = 0 in the least-squares sense, either par = 0 and
/// ‖D·x‖ − delta ≤ 0.1·delta, or par > 0 and |‖D·x‖ − delta| ≤ 0.1·delta. At most ten
/// iterations of a safeguarded Newton method on par. Column-major, element (i, j) at
/// <c>r[i + j*ldr]</c>.
/// </remarks>
internal static class Lmpar
{
    /// <summary>Determines par and the corresponding step x.</summary>
    /// <param name="n">The order of R.</param>
    /// <param name="r">On input the full upper triangle holds R; on output the full upper
    /// triangle is unaltered and the strict lower triangle holds the strict upper triangle of
    /// S (see <see cref="Qrsolv"/>), transposed.</param>
    /// <param name="ldr">The leading dimension of <paramref name="r"/>, at least n.</param>
    /// <param name="ipvt">The permutation P (0-based).</param>
    /// <param name="diag">The diagonal elements of D.</param>
    /// <param name="qtb">The first n elements of Qᵀb.</param>
    /// <param name="delta">The trust-region radius, positive.</param>
    /// <param name="par">On input an initial estimate of the parameter; on output its final
    /// estimate.</param>
    /// <param name="x">Receives the least-squares solution for the final par.</param>
    /// <param name="sdiag">Receives the diagonal elements of S.</param>
    /// <param name="wa1">Work array of length n.</param>
    /// <param name="wa2">Work array of length n.</param>
    public static void Compute(
        int n, Span<double> r, int ldr, ReadOnlySpan<int> ipvt, ReadOnlySpan<double> diag,
        ReadOnlySpan<double> qtb, double delta, ref double par, Span<double> x,
        Span<double> sdiag, Span<double> wa1, Span<double> wa2)
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
            double temp = wa1[j];
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

        double dxnorm = Enorm.Compute(wa2[..n]);
        double fp = dxnorm - delta;
        if (fp <= P1 * delta)
        {
            // termination.
            par = Zero;
            return;
        }

        // if the jacobian is not rank deficient, the newton
        // step provides a lower bound, parl, for the zero of
        // the function. otherwise set this bound to zero.
        double parl = Zero;
        if (nsing >= n)
        {
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }

            for (int j = 0; j < n; j++)
            {
                double sum = Zero;
                for (int i = 0; i < j; i++)
                {
                    sum += r[i + j * ldr] * wa1[i];
                }

                wa1[j] = (wa1[j] - sum) / r[j + j * ldr];
            }

            double temp = Enorm.Compute(wa1[..n]);
            parl = ((fp / delta) / temp) / temp;
        }

        // calculate an upper bound, paru, for the zero of the function.
        for (int j = 0; j < n; j++)
        {
            double sum = Zero;
            for (int i = 0; i <= j; i++)
            {
                sum += r[i + j * ldr] * qtb[i];
            }

            wa1[j] = sum / diag[ipvt[j]];
        }

        double gnorm = Enorm.Compute(wa1[..n]);
        double paru = gnorm / delta;
        if (paru == Zero)
        {
            paru = Dwarf / Math.Min(delta, P1);
        }

        // if the input par lies outside of the interval (parl,paru),
        // set par to the closer endpoint.
        par = Math.Max(par, parl);
        par = Math.Min(par, paru);
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
                par = Math.Max(Dwarf, P001 * paru);
            }

            double temp = Math.Sqrt(par);
            for (int j = 0; j < n; j++)
            {
                wa1[j] = temp * diag[j];
            }

            Qrsolv.Solve(n, r, ldr, ipvt, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++)
            {
                wa2[j] = diag[j] * x[j];
            }

            dxnorm = Enorm.Compute(wa2[..n]);
            temp = fp;
            fp = dxnorm - delta;

            // if the function is small enough, accept the current value
            // of par. also test for the exceptional cases where parl
            // is zero or the number of iterations has reached 10.
            if (Math.Abs(fp) <= P1 * delta
                || (parl == Zero && fp <= temp && temp < Zero)
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

            temp = Enorm.Compute(wa1[..n]);
            double parc = ((fp / delta) / temp) / temp;

            // depending on the sign of the function, update parl or paru.
            if (fp > Zero)
            {
                parl = Math.Max(parl, par);
            }

            if (fp < Zero)
            {
                paru = Math.Min(paru, par);
            }

            // compute an improved estimate for par.
            par = Math.Max(parl, par + parc);
        }

        // termination.
        if (iter == 0)
        {
            par = Zero;
        }
    }
}

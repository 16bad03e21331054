using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>lmder</c> and <c>lmdif</c>: minimises the sum of squares of m nonlinear
/// functions in n variables by a modification of the Levenberg-Marquardt algorithm.
/// </summary>
/// <remarks>
/// <para>One driver serves both MINPACK entry points: with
/// <see cref="LmderSettings.AnalyticJacobian"/> the Jacobian comes from the problem and
/// each one counts in <c>njev</c> (lmder); without it <see cref="Fdjac2"/> approximates it by
/// forward differences and its n evaluations count in <c>nfev</c> (lmdif). Apart from that
/// the two Fortran routines are the same, step for step, and so is this one.</para>
/// <para>GpuLm adds one rule to MINPACK: where the iteration would go on computing with a
/// non-finite number it stops instead, with x at the last iterate whose residuals were
/// finite. A non-finite residual at the starting point gives
/// <see cref="LeastSqStatus.NonFiniteResidual"/>; a non-finite Jacobian entry (from the
/// problem, or from a residual at a finite-difference step) gives
/// <see cref="LeastSqStatus.NonFiniteJacobian"/>. A non-finite residual at a trial point
/// needs no rule: MINPACK's own arithmetic rejects the step (actred = −1) and shrinks the
/// trust region, exactly as scipy does.</para>
/// </remarks>
internal static class Lmder
{
    /// <summary>Runs the Levenberg-Marquardt iteration from <paramref name="x"/>.</summary>
    /// <typeparam name="TFunction">The problem type.</typeparam>
    /// <param name="fcn">The problem.</param>
    /// <param name="settings">Tolerances, limits and modes.</param>
    /// <param name="ws">The arrays for m residuals and n parameters; with
    /// <see cref="LmderSettings.UserDiag"/> its <see cref="LmderWorkspace.Diag"/> holds the
    /// caller's scale factors.</param>
    /// <param name="x">On input the starting point; on output the final estimate.</param>
    /// <param name="nfev">Receives the number of residual evaluations.</param>
    /// <param name="njev">Receives the number of Jacobian evaluations (analytic or
    /// finite-difference).</param>
    /// <returns>MINPACK's <c>info</c> (0..8), or a negative GpuLm status.</returns>
    public static int Minimize<TFunction>(
        ref TFunction fcn, in LmderSettings settings, LmderWorkspace ws, Span<double> x,
        out int nfev, out int njev)
        where TFunction : IMinpackFunction
    {
        int m = ws.M;
        int n = ws.N;
        int ldfjac = m;
        Span<double> fvec = ws.Fvec;
        Span<double> fjac = ws.Fjac;
        Span<double> diag = ws.Diag;
        Span<double> qtf = ws.Qtf;
        Span<int> ipvt = ws.Ipvt;
        Span<double> wa1 = ws.Wa1;
        Span<double> wa2 = ws.Wa2;
        Span<double> wa3 = ws.Wa3;
        Span<double> wa4 = ws.Wa4;
        double ftol = settings.Ftol;
        double xtol = settings.Xtol;
        double gtol = settings.Gtol;
        double factor = settings.Factor;

        int info = 0;
        nfev = 0;
        njev = 0;

        // check the input parameters for errors.
        if (n <= 0 || m < n || !(ftol >= Zero) || !(xtol >= Zero) || !(gtol >= Zero)
            || settings.MaxFev <= 0 || !(factor > Zero))
        {
            return info;
        }

        if (settings.UserDiag)
        {
            for (int j = 0; j < n; j++)
            {
                if (!(diag[j] > Zero))
                {
                    return info;
                }
            }
        }

        // evaluate the function at the starting point
        // and calculate its norm.
        fcn.Residuals(x, fvec);
        nfev = 1;
        double fnorm = Enorm.Compute(fvec);
        if (!double.IsFinite(fnorm))
        {
            return LeastSqStatus.NonFiniteResidual;
        }

        // initialize levenberg-marquardt parameter and iteration counter.
        double par = Zero;
        int iter = 1;
        double xnorm = Zero;
        double delta = Zero;

        // beginning of the outer loop.
        while (true)
        {
            // calculate the jacobian matrix.
            if (settings.AnalyticJacobian)
            {
                fcn.Jacobian(x, fjac);
            }
            else
            {
                Fdjac2.Compute(ref fcn, m, n, x, fvec, fjac, ldfjac, settings.Epsfcn, wa4);
                nfev += n;
            }

            njev++;
            if (!Finite.All(fjac))
            {
                return LeastSqStatus.NonFiniteJacobian;
            }

            // compute the qr factorization of the jacobian.
            Qrfac.Factor(m, n, fjac, ldfjac, true, ipvt, wa1, wa2, wa3);

            // on the first iteration and if mode is 1, scale according
            // to the norms of the columns of the initial jacobian.
            if (iter == 1)
            {
                if (!settings.UserDiag)
                {
                    for (int j = 0; j < n; j++)
                    {
                        diag[j] = wa2[j];
                        if (wa2[j] == Zero)
                        {
                            diag[j] = One;
                        }
                    }
                }

                // on the first iteration, calculate the norm of the scaled x
                // and initialize the step bound delta.
                for (int j = 0; j < n; j++)
                {
                    wa3[j] = diag[j] * x[j];
                }

                xnorm = Enorm.Compute(wa3);
                delta = factor * xnorm;
                if (delta == Zero)
                {
                    delta = factor;
                }
            }

            // form (q transpose)*fvec and store the first n components in
            // qtf.
            fvec.CopyTo(wa4);
            for (int j = 0; j < n; j++)
            {
                int cj = j * ldfjac;
                if (fjac[cj + j] != Zero)
                {
                    double sum = ColumnOps.Dot(fjac, cj + j, wa4, j, m - j);
                    double temp = -sum / fjac[cj + j];
                    ColumnOps.AddScaled(wa4, j, fjac, cj + j, temp, m - j);
                }

                fjac[cj + j] = wa1[j];
                qtf[j] = wa4[j];
            }

            // compute the norm of the scaled gradient.
            double gnorm = Zero;
            if (fnorm != Zero)
            {
                for (int j = 0; j < n; j++)
                {
                    int l = ipvt[j];
                    if (wa2[l] != Zero)
                    {
                        double sum = Zero;
                        for (int i = 0; i <= j; i++)
                        {
                            sum += fjac[i + j * ldfjac] * (qtf[i] / fnorm);
                        }

                        gnorm = Math.Max(gnorm, Math.Abs(sum / wa2[l]));
                    }
                }
            }

            // test for convergence of the gradient norm.
            if (gnorm <= gtol)
            {
                info = 4;
            }

            if (info != 0)
            {
                return info;
            }

            // rescale if necessary.
            if (!settings.UserDiag)
            {
                for (int j = 0; j < n; j++)
                {
                    diag[j] = Math.Max(diag[j], wa2[j]);
                }
            }

            // beginning of the inner loop.
            double ratio;
            do
            {
                // determine the levenberg-marquardt parameter.
                Lmpar.Compute(n, fjac, ldfjac, ipvt, diag, qtf, delta, ref par, wa1, wa2, wa3, wa4);

                // store the direction p and x + p. calculate the norm of p.
                for (int j = 0; j < n; j++)
                {
                    wa1[j] = -wa1[j];
                    wa2[j] = x[j] + wa1[j];
                    wa3[j] = diag[j] * wa1[j];
                }

                double pnorm = Enorm.Compute(wa3);

                // on the first iteration, adjust the initial step bound.
                if (iter == 1)
                {
                    delta = Math.Min(delta, pnorm);
                }

                // evaluate the function at x + p and calculate its norm.
                fcn.Residuals(wa2, wa4);
                nfev++;
                double fnorm1 = Enorm.Compute(wa4);

                // compute the scaled actual reduction.
                double actred = -One;
                if (P1 * fnorm1 < fnorm)
                {
                    double reduction = fnorm1 / fnorm;
                    actred = One - reduction * reduction;
                }

                // compute the scaled predicted reduction and
                // the scaled directional derivative.
                for (int j = 0; j < n; j++)
                {
                    wa3[j] = Zero;
                    double temp = wa1[ipvt[j]];
                    for (int i = 0; i <= j; i++)
                    {
                        wa3[i] += fjac[i + j * ldfjac] * temp;
                    }
                }

                double temp1 = Enorm.Compute(wa3) / fnorm;
                double temp2 = (Math.Sqrt(par) * pnorm) / fnorm;
                double prered = temp1 * temp1 + (temp2 * temp2) / P5;
                double dirder = -(temp1 * temp1 + temp2 * temp2);

                // compute the ratio of the actual to the predicted
                // reduction.
                ratio = Zero;
                if (prered != Zero)
                {
                    ratio = actred / prered;
                }

                // update the step bound.
                if (!(ratio > P25))
                {
                    double temp = actred >= Zero
                        ? P5
                        : P5 * dirder / (dirder + P5 * actred);
                    if (P1 * fnorm1 >= fnorm || temp < P1)
                    {
                        temp = P1;
                    }

                    delta = temp * Math.Min(delta, pnorm / P1);
                    par /= temp;
                }
                else if (par == Zero || !(ratio < P75))
                {
                    delta = pnorm / P5;
                    par = P5 * par;
                }

                // test for successful iteration.
                if (!(ratio < P0001))
                {
                    // successful iteration. update x, fvec, and their norms.
                    for (int j = 0; j < n; j++)
                    {
                        x[j] = wa2[j];
                        wa2[j] = diag[j] * x[j];
                    }

                    wa4.CopyTo(fvec);
                    xnorm = Enorm.Compute(wa2);
                    fnorm = fnorm1;
                    iter++;
                }

                // tests for convergence.
                if (Math.Abs(actred) <= ftol && prered <= ftol && P5 * ratio <= One)
                {
                    info = 1;
                }

                if (delta <= xtol * xnorm)
                {
                    info = 2;
                }

                if (Math.Abs(actred) <= ftol && prered <= ftol && P5 * ratio <= One && info == 2)
                {
                    info = 3;
                }

                if (info != 0)
                {
                    return info;
                }

                // tests for termination and stringent tolerances.
                if (nfev >= settings.MaxFev)
                {
                    info = 5;
                }

                if (Math.Abs(actred) <= Epsmch && prered <= Epsmch && P5 * ratio <= One)
                {
                    info = 6;
                }

                if (delta <= Epsmch * xnorm)
                {
                    info = 7;
                }

                if (gnorm <= Epsmch)
                {
                    info = 8;
                }

                if (info != 0)
                {
                    return info;
                }

                // end of the inner loop. repeat if iteration unsuccessful.
            }
            while (ratio < P0001);

            // end of the outer loop.
        }
    }
}

using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>MINPACK lmder and lmdif (<c>Engine/Minpack/Lmder.cs</c>) as one kernel.</summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>
    /// The kernel: work-group g fits problems g·ProblemsPerGroup to g·ProblemsPerGroup +
    /// ProblemsPerGroup − 1 of the launch to the end, each by its own team.
    /// </summary>
    /// <param name="args">The launch's rows, options and outputs.</param>
    /// <remarks>A row with unusable input has maxfev 0: the host marks it, and the kernel
    /// leaves its outputs alone. The input checks are MINPACK's (ier 0, improper input).</remarks>
    public static void Kernel(LmArguments<TReal> args)
    {
        int n = N;
        int perGroup = TLayout.ProblemsPerGroup;

        // the n-vectors of the group's problems, one slice of n each.
        ArrayView<TReal> xsGroup = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> diagGroup = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> qtfGroup = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> wa1Group = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> wa2Group = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> wa3Group = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<TReal> wa5Group = SharedMemory.Allocate<TReal>(perGroup * n);
        ArrayView<int> ipvtGroup = SharedMemory.Allocate<int>(perGroup * n);
        ArrayView<TReal> parGroup = SharedMemory.Allocate<TReal>(perGroup);
        // this thread's own n-vector: the model's derivatives at a point, or fdjac2's perturbed parameters.
        ArrayView<TReal> own = LocalMemory.Allocate<TReal>(n);

        // work-item k of the group is thread k % Team of the team of problem k / Team.
        int sub = Group.IdxX / Team;
        int lid = Group.IdxX % Team;
        int b = (Grid.IdxX * perGroup) + sub;
        if (b >= args.Rows)
        {
            return;
        }

        ArrayView<TReal> xs = xsGroup.SubView(sub * n, n);
        ArrayView<TReal> diag = diagGroup.SubView(sub * n, n);
        ArrayView<TReal> qtf = qtfGroup.SubView(sub * n, n);
        ArrayView<TReal> wa1 = wa1Group.SubView(sub * n, n);
        ArrayView<TReal> wa2 = wa2Group.SubView(sub * n, n);
        ArrayView<TReal> wa3 = wa3Group.SubView(sub * n, n);
        ArrayView<TReal> wa5 = wa5Group.SubView(sub * n, n);
        ArrayView<int> ipvt = ipvtGroup.SubView(sub * n, n);
        ArrayView<TReal> parShared = parGroup.SubView(sub, 1);

        int m = args.M;
        int d = TModel.VariableCount;
        int maxfev = args.MaxFev[b];
        bool skip = maxfev <= 0;
        bool userDiag = args.UserDiag != 0;
        Row row;
        row.M = m;
        row.Y = args.Y.SubView((long)b * m, m);
        row.V = args.SharedVariables != 0 ? args.V : args.V.SubView((long)b * m * d, (long)m * d);
        row.Weighted = args.Weighted != 0;
        row.W = row.Weighted ? args.W.SubView((long)b * m, m) : args.W;
        row.Tables = args.Tables;
        ArrayView<TReal> xb = args.X.SubView((long)b * n, n);
        ArrayView<TReal> fvec = args.Fvec.SubView((long)b * m, m);
        ArrayView<TReal> fjac = args.Fjac.SubView((long)b * m * n, (long)m * n);
        ArrayView<TReal> wa4 = args.Wa4.SubView((long)b * m, m);
        TReal ftol = args.Tolerances[3 * b];
        TReal xtol = args.Tolerances[(3 * b) + 1];
        TReal gtol = args.Tolerances[(3 * b) + 2];

        int info = 0;
        int nfev = 0;
        int njev = 0;
        TReal fnorm = Zero;

        if (lid == 0)
        {
            for (int j = 0; j < n; j++)
            {
                xs[j] = xb[j];
                diag[j] = userDiag ? args.Diag[j] : Zero;
                ipvt[j] = j;
                qtf[j] = Zero;
            }
        }

        Barrier();

        // check the input parameters for errors.
        bool improper = m < n || !Ge(ftol, Zero) || !Ge(xtol, Zero) || !Ge(gtol, Zero) || !Gt(args.Factor, Zero);
        if (userDiag)
        {
            for (int j = 0; j < n; j++)
            {
                if (!Gt(diag[j], Zero))
                {
                    improper = true;
                }
            }
        }

        // below the precision's tolerance floor (zero in double, MINPACK's own tests
        // unchanged; float's epsilon in single) a tolerance cannot be met, only its
        // stringent counterpart (ier 6, 7 or 8) can: raising it to the floor makes a row that
        // converged as far as the arithmetic allows report it as ier 1 to 4.
        if (TMachine.ToleranceFloor != Zero)
        {
            ftol = Max(ftol, TMachine.ToleranceFloor);
            xtol = Max(xtol, TMachine.ToleranceFloor);
            gtol = Max(gtol, TMachine.ToleranceFloor);
        }

        if (!improper && !skip)
        {
            info = Lmder(
                row, ftol, xtol, gtol, maxfev, args.Factor, args.Epsfcn, userDiag, xs, diag, qtf, ipvt,
                wa1, wa2, wa3, wa5, parShared, fvec, fjac, wa4, own, ref nfev, ref njev, ref fnorm, lid);
        }

        Barrier();
        if (lid == 0 && !skip)
        {
            for (int j = 0; j < n; j++)
            {
                xb[j] = xs[j];
                args.Ipvt[((long)b * n) + j] = ipvt[j];
                args.Qtf[((long)b * n) + j] = qtf[j];
            }

            args.Status[3 * b] = info;
            args.Status[(3 * b) + 1] = nfev;
            args.Status[(3 * b) + 2] = njev;
            args.Fnorm[b] = fnorm;
        }
    }

    /// <summary>
    /// The LM iteration of one problem from <paramref name="xs"/>, by its team; returns MINPACK's
    /// info (1..8), or GpuLm's −1 (non-finite residual at the start) or −2 (non-finite Jacobian).
    /// </summary>
    /// <remarks><paramref name="nfev"/>, <paramref name="njev"/> and <paramref name="fnormOut"/>
    /// are the caller's counters and the norm of fvec.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lmder(
        Row row, TReal ftol, TReal xtol, TReal gtol, int maxfev, TReal factor, TReal epsfcn, bool userDiag,
        ArrayView<TReal> xs, ArrayView<TReal> diag, ArrayView<TReal> qtf, ArrayView<int> ipvt,
        ArrayView<TReal> wa1, ArrayView<TReal> wa2, ArrayView<TReal> wa3, ArrayView<TReal> wa5, ArrayView<TReal> parShared,
        ArrayView<TReal> fvec, ArrayView<TReal> fjac, ArrayView<TReal> wa4, ArrayView<TReal> own,
        ref int nfev, ref int njev, ref TReal fnormOut, int lid)
    {
        int m = row.M;
        int n = N;
        int ldfjac = m;
        int info = 0;

        // evaluate the function at the starting point
        // and calculate its norm.
        Residuals(row, xs, fvec, lid);
        nfev = 1;
        TReal fnorm = TeamEnorm(fvec, m);
        fnormOut = fnorm;
        if (!TReal.IsFinite(fnorm))
        {
            info = -1;
        }

        // initialize levenberg-marquardt parameter and iteration counter.
        TReal par = Zero;
        int iter = 1;
        TReal xnorm = Zero;
        TReal delta = Zero;

        // beginning of the outer loop.
        while (info == 0)
        {
            // calculate the jacobian matrix.
            if (TJacobian.Analytic)
            {
                ModelJacobian(row, xs, fjac, own, lid);
            }
            else
            {
                Fdjac2(row, xs, fvec, fjac, epsfcn, wa4, own, lid);
                nfev += n;
            }

            njev += 1;
            if (TeamAnyNonFinite(fjac, m * n))
            {
                info = -2;
            }

            if (info == 0)
            {
                // compute the qr factorization of the jacobian.
                Qrfac(m, fjac, ipvt, wa1, wa2, wa3, lid);

                // on the first iteration and if mode is 1, scale according
                // to the norms of the columns of the initial jacobian.
                if (iter == 1 && lid == 0)
                {
                    if (!userDiag)
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
                        wa3[j] = diag[j] * xs[j];
                    }
                }

                Barrier();
                if (iter == 1)
                {
                    xnorm = Enorm(wa3, n);
                    delta = factor * xnorm;
                    if (delta == Zero)
                    {
                        delta = factor;
                    }
                }

                // form (q transpose)*fvec and store the first n components in
                // qtf.
                for (int i = lid; i < m; i += Team)
                {
                    wa4[i] = fvec[i];
                }

                Barrier();
                for (int j = 0; j < n; j++)
                {
                    ArrayView<TReal> cj = fjac.SubView(j * ldfjac, ldfjac);

                    // the team's reduction runs whether or not its sum is used, that no
                    // barrier stands under a condition.
                    bool nonzero = cj[j] != Zero;
                    TReal sum = TeamDot(cj.SubView(j, m - j), wa4.SubView(j, m - j), m - j);
                    if (nonzero)
                    {
                        TReal temp = -sum / cj[j];
                        for (int i = j + lid; i < m; i += Team)
                        {
                            wa4[i] += cj[i] * temp;
                        }
                    }

                    Barrier();
                    if (lid == 0)
                    {
                        cj[j] = wa1[j];
                        qtf[j] = wa4[j];
                    }

                    Barrier();
                }

                // compute the norm of the scaled gradient.
                TReal gnorm = Zero;
                if (fnorm != Zero)
                {
                    for (int j = 0; j < n; j++)
                    {
                        int l = ipvt[j];
                        if (wa2[l] != Zero)
                        {
                            TReal sum = Zero;
                            for (int i = 0; i <= j; i++)
                            {
                                sum += fjac[i + j * ldfjac] * (qtf[i] / fnorm);
                            }

                            gnorm = Max(gnorm, TReal.Abs(sum / wa2[l]));
                        }
                    }
                }

                // test for convergence of the gradient norm.
                if (Le(gnorm, gtol))
                {
                    info = 4;
                }

                if (info == 0)
                {
                    // beginning of the inner loop.
                    TReal ratio;
                    bool firstInner = true;
                    do
                    {
                        Barrier();
                        if (lid == 0)
                        {
                            // rescale if necessary (thread 0 alone, in the region of the
                            // first lmpar, so that no barrier stands between the two).
                            if (firstInner && !userDiag)
                            {
                                for (int j = 0; j < n; j++)
                                {
                                    diag[j] = Max(diag[j], wa2[j]);
                                }
                            }

                            // determine the levenberg-marquardt parameter.
                            par = Lmpar(n, fjac, ldfjac, ipvt, diag, qtf, delta, par, wa1, wa2, wa3, wa5);
                            parShared[0] = par;

                            // store the direction p and x + p. calculate the norm of p.
                            for (int j = 0; j < n; j++)
                            {
                                wa1[j] = -wa1[j];
                                wa2[j] = xs[j] + wa1[j];
                                wa3[j] = diag[j] * wa1[j];
                            }
                        }

                        Barrier();
                        firstInner = false;
                        par = parShared[0];
                        TReal pnorm = Enorm(wa3, n);

                        // on the first iteration, adjust the initial step bound.
                        if (iter == 1)
                        {
                            delta = Min(delta, pnorm);
                        }

                        // evaluate the function at x + p and calculate its norm.
                        Residuals(row, wa2, wa4, lid);
                        nfev += 1;
                        TReal fnorm1 = TeamEnorm(wa4, m);

                        // compute the scaled actual reduction.
                        TReal actred = -One;
                        if (Lt(P1 * fnorm1, fnorm))
                        {
                            TReal reduction = fnorm1 / fnorm;
                            actred = One - reduction * reduction;
                        }

                        // compute the scaled predicted reduction and
                        // the scaled directional derivative.
                        Barrier();
                        if (lid == 0)
                        {
                            for (int j = 0; j < n; j++)
                            {
                                wa3[j] = Zero;
                                TReal temp = wa1[ipvt[j]];
                                for (int i = 0; i <= j; i++)
                                {
                                    wa3[i] += fjac[i + j * ldfjac] * temp;
                                }
                            }
                        }

                        Barrier();
                        TReal temp1 = Enorm(wa3, n) / fnorm;
                        TReal temp2 = (TReal.Sqrt(par) * pnorm) / fnorm;
                        TReal prered = temp1 * temp1 + (temp2 * temp2) / P5;
                        TReal dirder = -(temp1 * temp1 + temp2 * temp2);

                        // compute the ratio of the actual to the predicted
                        // reduction.
                        ratio = Zero;
                        if (prered != Zero)
                        {
                            ratio = actred / prered;
                        }

                        // update the step bound.
                        if (!Gt(ratio, P25))
                        {
                            TReal temp = Ge(actred, Zero)
                                ? P5
                                : P5 * dirder / (dirder + P5 * actred);
                            if (Ge(P1 * fnorm1, fnorm) || Lt(temp, P1))
                            {
                                temp = P1;
                            }

                            delta = temp * Min(delta, pnorm / P1);
                            par /= temp;
                        }
                        else if (par == Zero || !Lt(ratio, P75))
                        {
                            delta = pnorm / P5;
                            par = P5 * par;
                        }

                        // test for successful iteration.
                        bool success = !Lt(ratio, P0001);
                        Barrier();
                        if (success)
                        {
                            // successful iteration. update x, fvec, and their norms.
                            if (lid == 0)
                            {
                                for (int j = 0; j < n; j++)
                                {
                                    xs[j] = wa2[j];
                                    wa2[j] = diag[j] * xs[j];
                                }
                            }

                            for (int i = lid; i < m; i += Team)
                            {
                                fvec[i] = wa4[i];
                            }
                        }

                        Barrier();
                        if (success)
                        {
                            xnorm = Enorm(wa2, n);
                            fnorm = fnorm1;
                            fnormOut = fnorm;
                            iter++;
                        }

                        // tests for convergence.
                        if (Le(TReal.Abs(actred), ftol) && Le(prered, ftol) && Le(P5 * ratio, One))
                        {
                            info = 1;
                        }

                        if (Le(delta, xtol * xnorm))
                        {
                            info = 2;
                        }

                        if (Le(TReal.Abs(actred), ftol) && Le(prered, ftol) && Le(P5 * ratio, One) && info == 2)
                        {
                            info = 3;
                        }

                        if (info == 0)
                        {
                            // tests for termination and stringent tolerances.
                            if (nfev >= maxfev)
                            {
                                info = 5;
                            }

                            if (Le(TReal.Abs(actred), TMachine.Epsmch) && Le(prered, TMachine.Epsmch) && Le(P5 * ratio, One))
                            {
                                info = 6;
                            }

                            if (Le(delta, TMachine.Epsmch * xnorm))
                            {
                                info = 7;
                            }

                            if (Le(gnorm, TMachine.Epsmch))
                            {
                                info = 8;
                            }
                        }

                        // end of the inner loop. repeat if iteration unsuccessful.
                    }
                    while (info == 0 && Lt(ratio, P0001));
                }
            }

            // end of the outer loop.
        }

        return info;
    }
}

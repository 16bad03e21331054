/*
 * MINPACK lmder and lmdif (Engine/Minpack/Lmder.cs) as one kernel: work-group g fits
 * problems g*GPULM_PACK, ..., g*GPULM_PACK + GPULM_PACK - 1 of the chunk to the end, each
 * by its own team of GPULM_TEAM threads splitting the loops over the m residuals. Every
 * thread keeps its own copy of the scalars (fnorm, par, delta, ...) and computes them alike
 * from shared data, the norms and dot products in MINPACK's order (enorm.h); the
 * n-vectors live in shared memory and are written by thread 0 between barriers; fvec, fjac
 * and wa4 are the problem's slices of device memory.
 *
 * With GPULM_ANALYTIC the Jacobian is the model's (lmder, counted in njev); without it,
 * fdjac2's forward differences (lmdif, n evaluations counted in nfev). GpuLm's rule added
 * to MINPACK: a non-finite residual norm at the starting point ends with ier = -1, a
 * non-finite Jacobian entry with ier = -2.
 *
 * Arguments (chunk of `rows` problems; row b's slices start at b*m, b*n, b*m*n):
 *   y, v, w      data (rows x m), variables (m x d shared, or rows x m x d), weights (rows x m)
 *   flags        1: user diag (mode 2), 2: variables shared by every row, 4: weighted
 *   x            rows x n: on input x0, on output the solution
 *   tol          rows x 3: ftol, xtol, gtol
 *   maxfev       rows: the resolved maxfev; 0 skips the row (unusable input)
 *   diag_in      n: the user's diag (mode 2)
 *   status       rows x 3: ier, nfev, njev
 *   fnorm_out    rows: enorm(fvec) at the solution
 *   fvec, fjac   rows x m, rows x m x n: scratch, and on output MINPACK's fvec and fjac
 *   wa4          rows x m: scratch
 *   ipvt_out, qtf_out  rows x n: the permutation (0-based) and Q^T fvec
 */
/*
 * The LM iteration of one problem from xs, by its team; returns MINPACK's info (1..8) or
 * GpuLm's -1 (non-finite residual at the start) or -2 (non-finite Jacobian). nfev, njev and
 * fnorm_out are the caller's counters and the norm of fvec.
 */
GPULM_DEVICE_FN static int lmder(
    const row_data* row, real ftol, real xtol, real gtol, int maxfev, real factor, real epsfcn, int user_diag,
    LOCAL real* xs, LOCAL real* diag, LOCAL real* qtf, LOCAL int* ipvt,
    LOCAL real* wa1, LOCAL real* wa2, LOCAL real* wa3, LOCAL real* wa5, LOCAL real* par_shared,
    GLOBAL real* fvec, GLOBAL real* fjac, GLOBAL real* wa4, int* nfev, int* njev, real* fnorm_out, int lid)
{
    int m = row->m;
    int ldfjac = m;
    int info = 0;

    /* evaluate the function at the starting point
       and calculate its norm. */
    residuals(row, xs, fvec, lid);
    *nfev = 1;
    BARRIER();
    real fnorm;
    ENORM_TEAM(fnorm, m, fvec);
    *fnorm_out = fnorm;
    if (!isfinite(fnorm))
    {
        info = -1;
    }

    /* initialize levenberg-marquardt parameter and iteration counter. */
    real par = ZERO;
    int iter = 1;
    real xnorm = ZERO;
    real delta = ZERO;

    /* beginning of the outer loop. */
    while (info == 0)
    {
        /* calculate the jacobian matrix. */
#if GPULM_ANALYTIC
        jacobian(row, xs, fjac, lid);
#else
        fdjac2(row, xs, fvec, fjac, epsfcn, wa4, lid);
        *nfev += MODEL_N;
#endif
        *njev += 1;
        BARRIER();
        int bad;
        NONFINITE_TEAM(bad, m * MODEL_N, fjac);
        if (bad)
        {
            info = -2;
        }

        if (info == 0)
        {
            /* compute the qr factorization of the jacobian. */
            qrfac(m, fjac, ipvt, wa1, wa2, wa3, lid);

            /* on the first iteration and if mode is 1, scale according
               to the norms of the columns of the initial jacobian. */
            if (iter == 1 && lid == 0)
            {
                {
                    if (!user_diag)
                    {
                        for (int j = 0; j < MODEL_N; j++)
                        {
                            diag[j] = wa2[j];
                            if (wa2[j] == ZERO)
                            {
                                diag[j] = ONE;
                            }
                        }
                    }

                    /* on the first iteration, calculate the norm of the scaled x
                       and initialize the step bound delta. */
                    for (int j = 0; j < MODEL_N; j++)
                    {
                        wa3[j] = diag[j] * xs[j];
                    }
                }
            }

            BARRIER();
            if (iter == 1)
            {
                xnorm = enorm_shared(MODEL_N, wa3);
                delta = factor * xnorm;
                if (delta == ZERO)
                {
                    delta = factor;
                }
            }

            /* form (q transpose)*fvec and store the first n components in
               qtf. */
            for (int i = lid; i < m; i += GPULM_TEAM)
            {
                wa4[i] = fvec[i];
            }

            BARRIER();
            for (int j = 0; j < MODEL_N; j++)
            {
                GLOBAL real* cj = fjac + j * ldfjac;
                /* the team's reduction runs whether or not its sum is used, that no
                   barrier stands under a condition. */
                int nonzero = cj[j] != ZERO;
                real sum;
                DOT_TEAM(sum, m - j, cj + j, wa4 + j);
                if (nonzero)
                {
                    real temp = -sum / cj[j];
                    for (int i = j + lid; i < m; i += GPULM_TEAM)
                    {
                        wa4[i] += cj[i] * temp;
                    }
                }

                BARRIER();

                if (lid == 0)
                {
                    cj[j] = wa1[j];
                    qtf[j] = wa4[j];
                }

                BARRIER();
            }

            /* compute the norm of the scaled gradient. */
            real gnorm = ZERO;
            if (fnorm != ZERO)
            {
                for (int j = 0; j < MODEL_N; j++)
                {
                    int l = ipvt[j];
                    if (wa2[l] != ZERO)
                    {
                        real sum = ZERO;
                        for (int i = 0; i <= j; i++)
                        {
                            sum += fjac[i + j * ldfjac] * (qtf[i] / fnorm);
                        }

                        gnorm = mp_max(gnorm, fabs(sum / wa2[l]));
                    }
                }
            }

            /* test for convergence of the gradient norm. */
            if (gnorm <= gtol)
            {
                info = 4;
            }

            if (info == 0)
            {

                /* beginning of the inner loop. */
                real ratio;
                int first_inner = 1;
                do
                {
                    BARRIER();
                    if (lid == 0)
                    {
                        /* rescale if necessary (thread 0 alone, in the region of the
                           first lmpar, so that no barrier stands between the two). */
                        if (first_inner && !user_diag)
                        {
                            for (int j = 0; j < MODEL_N; j++)
                            {
                                diag[j] = mp_max(diag[j], wa2[j]);
                            }
                        }

                        /* determine the levenberg-marquardt parameter. */
                        lmpar(MODEL_N, fjac, ldfjac, ipvt, diag, qtf, delta, &par, wa1, wa2, wa3, wa5);
                        par_shared[0] = par;

                        /* store the direction p and x + p. calculate the norm of p. */
                        for (int j = 0; j < MODEL_N; j++)
                        {
                            wa1[j] = -wa1[j];
                            wa2[j] = xs[j] + wa1[j];
                            wa3[j] = diag[j] * wa1[j];
                        }
                    }

                    BARRIER();
                    first_inner = 0;
                    par = par_shared[0];
                    real pnorm = enorm_shared(MODEL_N, wa3);

                    /* on the first iteration, adjust the initial step bound. */
                    if (iter == 1)
                    {
                        delta = mp_min(delta, pnorm);
                    }

                    /* evaluate the function at x + p and calculate its norm. */
                    residuals(row, wa2, wa4, lid);
                    *nfev += 1;
                    BARRIER();
                    real fnorm1;
                    ENORM_TEAM(fnorm1, m, wa4);

                    /* compute the scaled actual reduction. */
                    real actred = -ONE;
                    if (P1 * fnorm1 < fnorm)
                    {
                        real reduction = fnorm1 / fnorm;
                        actred = ONE - reduction * reduction;
                    }

                    /* compute the scaled predicted reduction and
                       the scaled directional derivative. */
                    BARRIER();
                    if (lid == 0)
                    {
                        for (int j = 0; j < MODEL_N; j++)
                        {
                            wa3[j] = ZERO;
                            real temp = wa1[ipvt[j]];
                            for (int i = 0; i <= j; i++)
                            {
                                wa3[i] += fjac[i + j * ldfjac] * temp;
                            }
                        }
                    }

                    BARRIER();
                    real temp1 = enorm_shared(MODEL_N, wa3) / fnorm;
                    real temp2 = (sqrt(par) * pnorm) / fnorm;
                    real prered = temp1 * temp1 + (temp2 * temp2) / P5;
                    real dirder = -(temp1 * temp1 + temp2 * temp2);

                    /* compute the ratio of the actual to the predicted
                       reduction. */
                    ratio = ZERO;
                    if (prered != ZERO)
                    {
                        ratio = actred / prered;
                    }

                    /* update the step bound. */
                    if (!(ratio > P25))
                    {
                        real temp = actred >= ZERO
                            ? P5
                            : P5 * dirder / (dirder + P5 * actred);
                        if (P1 * fnorm1 >= fnorm || temp < P1)
                        {
                            temp = P1;
                        }

                        delta = temp * mp_min(delta, pnorm / P1);
                        par /= temp;
                    }
                    else if (par == ZERO || !(ratio < P75))
                    {
                        delta = pnorm / P5;
                        par = P5 * par;
                    }

                    /* test for successful iteration. */
                    int success = !(ratio < P0001);
                    BARRIER();
                    if (success)
                    {
                        /* successful iteration. update x, fvec, and their norms. */
                        if (lid == 0)
                        {
                            for (int j = 0; j < MODEL_N; j++)
                            {
                                xs[j] = wa2[j];
                                wa2[j] = diag[j] * xs[j];
                            }
                        }

                        for (int i = lid; i < m; i += GPULM_TEAM)
                        {
                            fvec[i] = wa4[i];
                        }
                    }

                    BARRIER();
                    if (success)
                    {
                        xnorm = enorm_shared(MODEL_N, wa2);
                        fnorm = fnorm1;
                        *fnorm_out = fnorm;
                        iter++;
                    }

                    /* tests for convergence. */
                    if (fabs(actred) <= ftol && prered <= ftol && P5 * ratio <= ONE)
                    {
                        info = 1;
                    }

                    if (delta <= xtol * xnorm)
                    {
                        info = 2;
                    }

                    if (fabs(actred) <= ftol && prered <= ftol && P5 * ratio <= ONE && info == 2)
                    {
                        info = 3;
                    }

                    if (info == 0)
                    {

                        /* tests for termination and stringent tolerances. */
                        if (*nfev >= maxfev)
                        {
                            info = 5;
                        }

                        if (fabs(actred) <= EPSMCH && prered <= EPSMCH && P5 * ratio <= ONE)
                        {
                            info = 6;
                        }

                        if (delta <= EPSMCH * xnorm)
                        {
                            info = 7;
                        }

                        if (gnorm <= EPSMCH)
                        {
                            info = 8;
                        }

                    }

                    /* end of the inner loop. repeat if iteration unsuccessful. */
                }
                while (info == 0 && ratio < P0001);

            }

        }

        /* end of the outer loop. */
    }

    return info;
}

KERNEL void gpulm_lmder(
    int rows, int m, int flags, real factor, real epsfcn,
    GLOBAL const real* y, GLOBAL const real* v, GLOBAL const real* w,
    GLOBAL real* x, GLOBAL const real* tol, GLOBAL const int* maxfev, GLOBAL const real* diag_in,
    GLOBAL int* status, GLOBAL real* fnorm_out, GLOBAL real* fvec, GLOBAL real* fjac, GLOBAL real* wa4,
    GLOBAL int* ipvt_out, GLOBAL real* qtf_out)
{
    /* the n-vectors of the work-group's GPULM_PACK problems, one slice of MODEL_N each. */
    SHARED real xs_group[GPULM_PACK * MODEL_N];
    SHARED real diag_group[GPULM_PACK * MODEL_N];
    SHARED real qtf_group[GPULM_PACK * MODEL_N];
    SHARED real wa1_group[GPULM_PACK * MODEL_N];
    SHARED real wa2_group[GPULM_PACK * MODEL_N];
    SHARED real wa3_group[GPULM_PACK * MODEL_N];
    SHARED real wa5_group[GPULM_PACK * MODEL_N];
    SHARED int ipvt_group[GPULM_PACK * MODEL_N];
    SHARED real par_group[GPULM_PACK];

    /* work-item k of the group is thread k % GPULM_TEAM of the team of problem k / GPULM_TEAM. */
    int sub = LOCAL_ID() / GPULM_TEAM;
    int lid = LOCAL_ID() % GPULM_TEAM;
    int b = GROUP_ID() * GPULM_PACK + sub;
    if (b >= rows)
    {
        return;
    }

    LOCAL real* xs = xs_group + sub * MODEL_N;
    LOCAL real* diag = diag_group + sub * MODEL_N;
    LOCAL real* qtf = qtf_group + sub * MODEL_N;
    LOCAL real* wa1 = wa1_group + sub * MODEL_N;
    LOCAL real* wa2 = wa2_group + sub * MODEL_N;
    LOCAL real* wa3 = wa3_group + sub * MODEL_N;
    LOCAL real* wa5 = wa5_group + sub * MODEL_N;
    LOCAL int* ipvt = ipvt_group + sub * MODEL_N;
    LOCAL real* par_shared = par_group + sub;

    /* a row with unusable input (maxfev 0) is marked on the host and skipped here. */
    int maxfev_b = maxfev[b];
    int skip = maxfev_b <= 0;

    row_data row;
    row.m = m;
    row.y = y + (long)b * m;
    row.v = (flags & 2) ? v : v + (long)b * m * MODEL_D;
    row.w = w + ((flags & 4) ? (long)b * m : 0);
    row.weighted = (flags & 4) != 0;
    int user_diag = (flags & 1) != 0;
    GLOBAL real* xb = x + (long)b * MODEL_N;
    GLOBAL real* fvec_b = fvec + (long)b * m;
    GLOBAL real* fjac_b = fjac + (long)b * m * MODEL_N;
    GLOBAL real* wa4_b = wa4 + (long)b * m;
    real ftol = tol[3 * b];
    real xtol = tol[3 * b + 1];
    real gtol = tol[3 * b + 2];

    int info = 0;
    int nfev = 0;
    int njev = 0;
    real fnorm = ZERO;

    if (lid == 0)
    {
        for (int j = 0; j < MODEL_N; j++)
        {
            xs[j] = xb[j];
            diag[j] = user_diag ? diag_in[j] : ZERO;
            ipvt[j] = j;
            qtf[j] = ZERO;
        }
    }

    BARRIER();

    /* check the input parameters for errors. */
    int improper = m < MODEL_N || !(ftol >= ZERO) || !(xtol >= ZERO) || !(gtol >= ZERO) || !(factor > ZERO);
    if (user_diag)
    {
        for (int j = 0; j < MODEL_N; j++)
        {
            if (!(diag[j] > ZERO))
            {
                improper = 1;
            }
        }
    }

    if (!improper && !skip)
    {
        info = lmder(
            &row, ftol, xtol, gtol, maxfev_b, factor, epsfcn, user_diag, xs, diag, qtf, ipvt,
            wa1, wa2, wa3, wa5, par_shared, fvec_b, fjac_b, wa4_b, &nfev, &njev, &fnorm, lid);
    }

    BARRIER();
    if (lid == 0 && !skip)
    {
        for (int j = 0; j < MODEL_N; j++)
        {
            xb[j] = xs[j];
            ipvt_out[(long)b * MODEL_N + j] = ipvt[j];
            qtf_out[(long)b * MODEL_N + j] = qtf[j];
        }

        status[3 * b] = info;
        status[3 * b + 1] = nfev;
        status[3 * b + 2] = njev;
        fnorm_out[b] = fnorm;
    }
}

/*
 * MINPACK qrfac (Engine/Minpack/Qrfac.cs): Householder QR with column pivoting of the
 * m x n matrix a (column-major, leading dimension m, m >= n = MODEL_N), by the team.
 *
 * a       on input the matrix; on output R in the upper triangle of the first n rows
 *         (diagonal in rdiag), the Householder vectors below.
 * ipvt    receives the permutation P (0-based): column j of P is column ipvt[j] of I.
 * rdiag   receives the n diagonal elements of R.
 * acnorm  receives the n norms of the columns of the input a.
 * wa      work array of length n.
 * The column loops over m are split across the team; the n-vectors are written by thread
 * 0 between barriers.
 */
GPULM_DEVICE_FN static void qrfac(
    int m, GLOBAL real* a, LOCAL int* ipvt, LOCAL real* rdiag, LOCAL real* acnorm, LOCAL real* wa, int lid)
{
    /* compute the initial column norms and initialize several arrays. */
    for (int j = 0; j < MODEL_N; j++)
    {
        real norm;
        ENORM_TEAM(norm, m, a + j * m);
        if (lid == 0)
        {
            acnorm[j] = norm;
            rdiag[j] = norm;
            wa[j] = norm;
            ipvt[j] = j;
        }
    }

    BARRIER();

    /* reduce a to r with householder transformations. The barriers stand outside the
       conditions (the conditions are the team's alike; their work is guarded instead). */
    for (int j = 0; j < MODEL_N; j++)
    {
        GLOBAL real* aj = a + j * m;

        /* bring the column of largest norm into the pivot position. */
        int kmax = j;
        for (int k = j; k < MODEL_N; k++)
        {
            if (rdiag[k] > rdiag[kmax])
            {
                kmax = k;
            }
        }

        if (kmax != j)
        {
            GLOBAL real* ak = a + kmax * m;
            for (int i = lid; i < m; i += GPULM_TEAM)
            {
                real temp = aj[i];
                aj[i] = ak[i];
                ak[i] = temp;
            }
        }

        BARRIER();
        if (kmax != j && lid == 0)
        {
            rdiag[kmax] = rdiag[j];
            wa[kmax] = wa[j];
            int k = ipvt[j];
            ipvt[j] = ipvt[kmax];
            ipvt[kmax] = k;
        }

        BARRIER();

        /* compute the householder transformation to reduce the
           j-th column of a to a multiple of the j-th unit vector. */
        real ajnorm;
        ENORM_TEAM(ajnorm, m - j, aj + j);
        int nonzero = ajnorm != ZERO;
        if (nonzero && aj[j] < ZERO)
        {
            ajnorm = -ajnorm;
        }

        BARRIER();
        if (nonzero)
        {
            for (int i = j + lid; i < m; i += GPULM_TEAM)
            {
                aj[i] /= ajnorm;
            }
        }

        BARRIER();
        if (nonzero && lid == 0)
        {
            aj[j] += ONE;
        }

        BARRIER();

        /* apply the transformation to the remaining columns
           and update the norms. */
        for (int k = j + 1; k < MODEL_N; k++)
        {
            GLOBAL real* ak = a + k * m;
            real sum;
            DOT_TEAM(sum, m - j, aj + j, ak + j);
            if (nonzero)
            {
                real temp = sum / aj[j];
                for (int i = j + lid; i < m; i += GPULM_TEAM)
                {
                    ak[i] -= temp * aj[i];
                }
            }

            BARRIER();
            int update = nonzero && rdiag[k] != ZERO;
            real rk = ZERO;
            int recompute = 0;
            if (update)
            {
                real temp = ak[j] / rdiag[k];
                rk = rdiag[k] * sqrt(mp_max(ZERO, ONE - temp * temp));
                real ratio = rk / wa[k];
                recompute = !(P05 * (ratio * ratio) > EPSMCH);
            }

            ENORM_TEAM_IF(recompute, rk, m - j - 1, ak + j + 1);
            BARRIER();
            if (update && lid == 0)
            {
                rdiag[k] = rk;
                if (recompute)
                {
                    wa[k] = rk;
                }
            }

            BARRIER();
        }

        if (lid == 0)
        {
            rdiag[j] = -ajnorm;
        }

        BARRIER();
    }
}

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
    int m, GLOBAL real* a, LOCAL int* ipvt, LOCAL real* rdiag, LOCAL real* acnorm, LOCAL real* wa,
    LOCAL real* red, int lid)
{
    /* compute the initial column norms and initialize several arrays. */
    for (int j = 0; j < MODEL_N; j++)
    {
        real norm = enorm_team(m, a + j * m, red, lid);
        if (lid == 0)
        {
            acnorm[j] = norm;
            rdiag[j] = norm;
            wa[j] = norm;
            ipvt[j] = j;
        }
    }

    BARRIER();

    /* reduce a to r with householder transformations. */
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

            BARRIER();
            if (lid == 0)
            {
                rdiag[kmax] = rdiag[j];
                wa[kmax] = wa[j];
                int k = ipvt[j];
                ipvt[j] = ipvt[kmax];
                ipvt[kmax] = k;
            }

            BARRIER();
        }

        /* compute the householder transformation to reduce the
           j-th column of a to a multiple of the j-th unit vector. */
        real ajnorm = enorm_team(m - j, aj + j, red, lid);
        if (ajnorm != ZERO)
        {
            if (aj[j] < ZERO)
            {
                ajnorm = -ajnorm;
            }

            BARRIER();
            for (int i = j + lid; i < m; i += GPULM_TEAM)
            {
                aj[i] /= ajnorm;
            }

            BARRIER();
            if (lid == 0)
            {
                aj[j] += ONE;
            }

            BARRIER();

            /* apply the transformation to the remaining columns
               and update the norms. */
            for (int k = j + 1; k < MODEL_N; k++)
            {
                GLOBAL real* ak = a + k * m;
                real sum = dot_team(m - j, aj + j, ak + j, red, lid);
                real temp = sum / aj[j];
                for (int i = j + lid; i < m; i += GPULM_TEAM)
                {
                    ak[i] -= temp * aj[i];
                }

                BARRIER();
                if (rdiag[k] != ZERO)
                {
                    temp = ak[j] / rdiag[k];
                    real rk = rdiag[k] * sqrt(mp_max(ZERO, ONE - temp * temp));
                    real ratio = rk / wa[k];
                    int recompute = !(P05 * (ratio * ratio) > EPSMCH);
                    if (recompute)
                    {
                        rk = enorm_team(m - j - 1, ak + j + 1, red, lid);
                    }

                    BARRIER();
                    if (lid == 0)
                    {
                        rdiag[k] = rk;
                        if (recompute)
                        {
                            wa[k] = rk;
                        }
                    }

                    BARRIER();
                }
            }
        }

        if (lid == 0)
        {
            rdiag[j] = -ajnorm;
        }

        BARRIER();
    }
}

/*
 * MINPACK qrsolv (Engine/Minpack/Qrsolv.cs): given A*P = Q*R, a diagonal D and b, finds x
 * solving A*x = b, D*x = 0 in the least-squares sense from Q^T b and R. One thread runs it.
 *
 * r      column-major, leading dimension ldr: on input R in the full upper triangle; on
 *        output the upper triangle unaltered, the strict upper triangle of S transposed in
 *        the strict lower triangle.
 * ipvt   the permutation P (0-based).
 * diag   the diagonal of D.
 * qtb    the first n elements of Q^T b.
 * x      receives the least-squares solution.
 * sdiag  receives the diagonal of S.
 * wa     work array of length n.
 */
GPULM_DEVICE_FN static void qrsolv(
    int n, GLOBAL real* r, int ldr, LOCAL const int* ipvt, LOCAL const real* diag, LOCAL const real* qtb,
    LOCAL real* x, LOCAL real* sdiag, LOCAL real* wa)
{
    /* copy r and (q transpose)*b to preserve input and initialize s.
       in particular, save the diagonal elements of r in x. */
    for (int j = 0; j < n; j++)
    {
        for (int i = j; i < n; i++)
        {
            r[i + j * ldr] = r[j + i * ldr];
        }

        x[j] = r[j + j * ldr];
        wa[j] = qtb[j];
    }

    /* eliminate the diagonal matrix d using a givens rotation. */
    for (int j = 0; j < n; j++)
    {
        /* prepare the row of d to be eliminated, locating the
           diagonal element using p from the qr factorization. */
        int l = ipvt[j];
        if (diag[l] != ZERO)
        {
            for (int k = j; k < n; k++)
            {
                sdiag[k] = ZERO;
            }

            sdiag[j] = diag[l];

            /* the transformations to eliminate the row of d
               modify only a single element of (q transpose)*b
               beyond the first n, which is initially zero. */
            real qtbpj = ZERO;
            for (int k = j; k < n; k++)
            {
                /* determine a givens rotation which eliminates the
                   appropriate element in the current row of d. */
                if (sdiag[k] == ZERO)
                {
                    continue;
                }

                int kk = k + k * ldr;
                real sn;
                real cs;
                if (fabs(r[kk]) >= fabs(sdiag[k]))
                {
                    real tn = sdiag[k] / r[kk];
                    cs = P5 / sqrt(P25 + P25 * (tn * tn));
                    sn = cs * tn;
                }
                else
                {
                    real cotan = r[kk] / sdiag[k];
                    sn = P5 / sqrt(P25 + P25 * (cotan * cotan));
                    cs = sn * cotan;
                }

                /* compute the modified diagonal element of r and
                   the modified element of ((q transpose)*b,0). */
                r[kk] = cs * r[kk] + sn * sdiag[k];
                real temp = cs * wa[k] + sn * qtbpj;
                qtbpj = -sn * wa[k] + cs * qtbpj;
                wa[k] = temp;

                /* accumulate the tranformation in the row of s. */
                for (int i = k + 1; i < n; i++)
                {
                    int ik = i + k * ldr;
                    temp = cs * r[ik] + sn * sdiag[i];
                    sdiag[i] = -sn * r[ik] + cs * sdiag[i];
                    r[ik] = temp;
                }
            }
        }

        /* store the diagonal element of s and restore
           the corresponding diagonal element of r. */
        sdiag[j] = r[j + j * ldr];
        r[j + j * ldr] = x[j];
    }

    /* solve the triangular system for z. if the system is
       singular, then obtain a least squares solution. */
    int nsing = n;
    for (int j = 0; j < n; j++)
    {
        if (sdiag[j] == ZERO && nsing == n)
        {
            nsing = j;
        }

        if (nsing < n)
        {
            wa[j] = ZERO;
        }
    }

    for (int j = nsing - 1; j >= 0; j--)
    {
        real sum = ZERO;
        for (int i = j + 1; i < nsing; i++)
        {
            sum += r[i + j * ldr] * wa[i];
        }

        wa[j] = (wa[j] - sum) / sdiag[j];
    }

    /* permute the components of z back to components of x. */
    for (int j = 0; j < n; j++)
    {
        x[ipvt[j]] = wa[j];
    }
}

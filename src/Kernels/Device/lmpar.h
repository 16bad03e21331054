/*
 * MINPACK lmpar (Engine/Minpack/Lmpar.cs): the Levenberg-Marquardt parameter par for a
 * trust region of radius delta, and the step x it gives. One thread runs it.
 *
 * r      column-major, leading dimension ldr: R in the full upper triangle (unaltered);
 *        on output the strict lower triangle holds S transposed (see qrsolv).
 * ipvt   the permutation P (0-based).
 * diag   the diagonal of D.
 * qtb    the first n elements of Q^T b.
 * delta  the trust-region radius, positive.
 * par    on input an initial estimate; on output the final estimate.
 * x      receives the least-squares solution for the final par.
 * sdiag  receives the diagonal of S.
 * wa1, wa2  work arrays of length n.
 */
GPULM_DEVICE_FN static void lmpar(
    int n, GLOBAL real* r, int ldr, LOCAL const int* ipvt, LOCAL const real* diag, LOCAL const real* qtb,
    real delta, real* par, LOCAL real* x, LOCAL real* sdiag, LOCAL real* wa1, LOCAL real* wa2)
{
    /* compute and store in x the gauss-newton direction. if the
       jacobian is rank-deficient, obtain a least squares solution. */
    int nsing = n;
    for (int j = 0; j < n; j++)
    {
        wa1[j] = qtb[j];
        if (r[j + j * ldr] == ZERO && nsing == n)
        {
            nsing = j;
        }

        if (nsing < n)
        {
            wa1[j] = ZERO;
        }
    }

    for (int j = nsing - 1; j >= 0; j--)
    {
        wa1[j] /= r[j + j * ldr];
        real temp = wa1[j];
        for (int i = 0; i < j; i++)
        {
            wa1[i] -= r[i + j * ldr] * temp;
        }
    }

    for (int j = 0; j < n; j++)
    {
        x[ipvt[j]] = wa1[j];
    }

    /* initialize the iteration counter.
       evaluate the function at the origin, and test
       for acceptance of the gauss-newton direction. */
    int iter = 0;
    for (int j = 0; j < n; j++)
    {
        wa2[j] = diag[j] * x[j];
    }

    real dxnorm = enorm_shared(n, wa2);
    real fp = dxnorm - delta;
    if (fp <= P1 * delta)
    {
        /* termination. */
        *par = ZERO;
        return;
    }

    /* if the jacobian is not rank deficient, the newton
       step provides a lower bound, parl, for the zero of
       the function. otherwise set this bound to zero. */
    real parl = ZERO;
    if (nsing >= n)
    {
        for (int j = 0; j < n; j++)
        {
            int l = ipvt[j];
            wa1[j] = diag[l] * (wa2[l] / dxnorm);
        }

        for (int j = 0; j < n; j++)
        {
            real sum = ZERO;
            for (int i = 0; i < j; i++)
            {
                sum += r[i + j * ldr] * wa1[i];
            }

            wa1[j] = (wa1[j] - sum) / r[j + j * ldr];
        }

        real temp = enorm_shared(n, wa1);
        parl = ((fp / delta) / temp) / temp;
    }

    /* calculate an upper bound, paru, for the zero of the function. */
    for (int j = 0; j < n; j++)
    {
        real sum = ZERO;
        for (int i = 0; i <= j; i++)
        {
            sum += r[i + j * ldr] * qtb[i];
        }

        wa1[j] = sum / diag[ipvt[j]];
    }

    real gnorm = enorm_shared(n, wa1);
    real paru = gnorm / delta;
    if (paru == ZERO)
    {
        paru = DWARF / mp_min(delta, P1);
    }

    /* if the input par lies outside of the interval (parl,paru),
       set par to the closer endpoint. */
    *par = mp_max(*par, parl);
    *par = mp_min(*par, paru);
    if (*par == ZERO)
    {
        *par = gnorm / dxnorm;
    }

    /* beginning of an iteration. */
    while (1)
    {
        iter++;

        /* evaluate the function at the current value of par. */
        if (*par == ZERO)
        {
            *par = mp_max(DWARF, P001 * paru);
        }

        real temp = sqrt(*par);
        for (int j = 0; j < n; j++)
        {
            wa1[j] = temp * diag[j];
        }

        qrsolv(n, r, ldr, ipvt, wa1, qtb, x, sdiag, wa2);
        for (int j = 0; j < n; j++)
        {
            wa2[j] = diag[j] * x[j];
        }

        dxnorm = enorm_shared(n, wa2);
        temp = fp;
        fp = dxnorm - delta;

        /* if the function is small enough, accept the current value
           of par. also test for the exceptional cases where parl
           is zero or the number of iterations has reached 10. */
        if (fabs(fp) <= P1 * delta
            || (parl == ZERO && fp <= temp && temp < ZERO)
            || iter == 10)
        {
            break;
        }

        /* compute the newton correction. */
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

        temp = enorm_shared(n, wa1);
        real parc = ((fp / delta) / temp) / temp;

        /* depending on the sign of the function, update parl or paru. */
        if (fp > ZERO)
        {
            parl = mp_max(parl, *par);
        }

        if (fp < ZERO)
        {
            paru = mp_min(paru, *par);
        }

        /* compute an improved estimate for par. */
        *par = mp_max(parl, *par + parc);
    }

    /* termination. */
    if (iter == 0)
    {
        *par = ZERO;
    }
}

/*
 * The problem of one batch row on the device: residuals r_i = w_i*(f(v_i; p) - y_i) (or
 * f - y without weights), as ModelProblem forms them on the CPU, the model's Jacobian
 * w_i*df/dp_j, and MINPACK fdjac2 (Engine/Minpack/Fdjac2.cs), the forward-difference
 * Jacobian. The loops over the m points are split across the team.
 */
#define GPULM_VARS (MODEL_D > 0 ? MODEL_D : 1)

typedef struct
{
    int m;
    GLOBAL const real* y;
    GLOBAL const real* v;
    GLOBAL const real* w;
    int weighted;
} row_data;

/* Writes the m residuals at x (in shared memory) to out. */
GPULM_DEVICE_FN static void residuals(const row_data* row, LOCAL const real* x, GLOBAL real* out, int lid)
{
    real p[MODEL_N];
    real v[GPULM_VARS];
    for (int j = 0; j < MODEL_N; j++)
    {
        p[j] = x[j];
    }

    for (int i = lid; i < row->m; i += GPULM_TEAM)
    {
        for (int k = 0; k < MODEL_D; k++)
        {
            v[k] = row->v[i * MODEL_D + k];
        }

        real difference = model_value(p, v) - row->y[i];
        out[i] = row->weighted ? row->w[i] * difference : difference;
    }
}

#if GPULM_ANALYTIC
/* Writes the column-major m x n Jacobian at x to fjac. */
GPULM_DEVICE_FN static void jacobian(const row_data* row, LOCAL const real* x, GLOBAL real* fjac, int lid)
{
    real p[MODEL_N];
    real v[GPULM_VARS];
    real dfdp[MODEL_N];
    int m = row->m;
    for (int j = 0; j < MODEL_N; j++)
    {
        p[j] = x[j];
    }

    for (int i = lid; i < m; i += GPULM_TEAM)
    {
        for (int k = 0; k < MODEL_D; k++)
        {
            v[k] = row->v[i * MODEL_D + k];
        }

        model_jacobian(p, v, dfdp);
        for (int j = 0; j < MODEL_N; j++)
        {
            fjac[i + j * m] = row->weighted ? row->w[i] * dfdp[j] : dfdp[j];
        }
    }
}
#else
/*
 * MINPACK fdjac2: column j is (f(x + h*e_j) - f(x)) / h with h = sqrt(max(epsfcn, epsmch))*|x_j|,
 * or h = sqrt(max(epsfcn, epsmch)) where x_j is zero. x is perturbed in turn and restored;
 * fvec holds the residuals at x; wa is an m-vector.
 */
GPULM_DEVICE_FN static void fdjac2(
    const row_data* row, LOCAL real* x, GLOBAL const real* fvec, GLOBAL real* fjac, real epsfcn,
    GLOBAL real* wa, int lid)
{
    int m = row->m;
    real eps = sqrt(mp_max(epsfcn, EPSMCH));
    for (int j = 0; j < MODEL_N; j++)
    {
        real temp = x[j];
        real h = eps * fabs(temp);
        if (h == ZERO)
        {
            h = eps;
        }

        BARRIER();
        if (lid == 0)
        {
            x[j] = temp + h;
        }

        BARRIER();
        residuals(row, x, wa, lid);
        BARRIER();
        if (lid == 0)
        {
            x[j] = temp;
        }

        GLOBAL real* column = fjac + j * m;
        for (int i = lid; i < m; i += GPULM_TEAM)
        {
            column[i] = (wa[i] - fvec[i]) / h;
        }
    }

    BARRIER();
}
#endif

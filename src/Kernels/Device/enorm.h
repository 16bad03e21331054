/*
 * MINPACK enorm: the Euclidean norm of a vector, free of destructive underflow and
 * overflow (Engine/Minpack/Enorm.cs). The sum of squares is kept in three parts, for
 * small, intermediate and large components, the large and small parts scaled by their
 * largest magnitude. A team splits the components by stride and merges the partial sums;
 * a team of one sums in index order exactly as the CPU does.
 */
#define RDWARF RL(3.834e-20)
#define RGIANT RL(1.304e19)

typedef struct
{
    real s1;
    real s2;
    real s3;
    real x1max;
    real x3max;
} enorm_sums;

GPULM_DEVICE_FN static void enorm_clear(enorm_sums* e)
{
    e->s1 = ZERO;
    e->s2 = ZERO;
    e->s3 = ZERO;
    e->x1max = ZERO;
    e->x3max = ZERO;
}

GPULM_DEVICE_FN static void enorm_add(enorm_sums* e, real value, real agiant)
{
    real xabs = fabs(value);
    if (xabs > RDWARF && xabs < agiant)
    {
        /* sum for intermediate components. */
        e->s2 += xabs * xabs;
    }
    else if (xabs <= RDWARF)
    {
        /* sum for small components. */
        if (xabs > e->x3max)
        {
            real r = e->x3max / xabs;
            e->s3 = ONE + e->s3 * (r * r);
            e->x3max = xabs;
        }
        else if (xabs != ZERO)
        {
            real r = xabs / e->x3max;
            e->s3 += r * r;
        }
    }
    else
    {
        /* sum for large components. */
        if (xabs > e->x1max)
        {
            real r = e->x1max / xabs;
            e->s1 = ONE + e->s1 * (r * r);
            e->x1max = xabs;
        }
        else
        {
            real r = xabs / e->x1max;
            e->s1 += r * r;
        }
    }
}

/* Merges the partial sums b into a, rescaling to the larger maximum. */
GPULM_DEVICE_FN static void enorm_merge(enorm_sums* a, real s1, real s2, real s3, real x1max, real x3max)
{
    if (x1max > a->x1max)
    {
        real r = a->x1max / x1max;
        a->s1 = s1 + a->s1 * (r * r);
        a->x1max = x1max;
    }
    else if (x1max != ZERO)
    {
        real r = x1max / a->x1max;
        a->s1 += s1 * (r * r);
    }

    a->s2 += s2;
    if (x3max > a->x3max)
    {
        real r = a->x3max / x3max;
        a->s3 = s3 + a->s3 * (r * r);
        a->x3max = x3max;
    }
    else if (x3max != ZERO)
    {
        real r = x3max / a->x3max;
        a->s3 += s3 * (r * r);
    }
}

GPULM_DEVICE_FN static real enorm_finish(const enorm_sums* e)
{
    /* calculation of norm. */
    if (e->s1 != ZERO)
    {
        return e->x1max * sqrt(e->s1 + (e->s2 / e->x1max) / e->x1max);
    }

    if (e->s2 != ZERO)
    {
        return e->s2 >= e->x3max
            ? sqrt(e->s2 * (ONE + (e->x3max / e->s2) * (e->x3max * e->s3)))
            : sqrt(e->x3max * ((e->s2 / e->x3max) + (e->x3max * e->s3)));
    }

    return e->x3max * sqrt(e->s3);
}

/* enorm of an n-vector in the team's shared memory, computed by each caller alone. */
GPULM_DEVICE_FN static real enorm_shared(int n, LOCAL const real* x)
{
    enorm_sums e;
    enorm_clear(&e);
    real agiant = RGIANT / (real)n;
    for (int i = 0; i < n; i++)
    {
        enorm_add(&e, x[i], agiant);
    }

    return enorm_finish(&e);
}

/* enorm of count values in device memory, by the whole team; every thread gets the norm.
   red holds 5*GPULM_TEAM reals. */
GPULM_DEVICE_FN static real enorm_team(int count, GLOBAL const real* x, LOCAL real* red, int lid)
{
    enorm_sums e;
    enorm_clear(&e);
    real agiant = RGIANT / (real)count;
    for (int i = lid; i < count; i += GPULM_TEAM)
    {
        enorm_add(&e, x[i], agiant);
    }

#if GPULM_TEAM > 1
    red[lid] = e.s1;
    red[lid + GPULM_TEAM] = e.s2;
    red[lid + 2 * GPULM_TEAM] = e.s3;
    red[lid + 3 * GPULM_TEAM] = e.x1max;
    red[lid + 4 * GPULM_TEAM] = e.x3max;
    BARRIER();
    for (int s = GPULM_TEAM / 2; s > 0; s >>= 1)
    {
        if (lid < s)
        {
            enorm_sums a;
            a.s1 = red[lid];
            a.s2 = red[lid + GPULM_TEAM];
            a.s3 = red[lid + 2 * GPULM_TEAM];
            a.x1max = red[lid + 3 * GPULM_TEAM];
            a.x3max = red[lid + 4 * GPULM_TEAM];
            int o = lid + s;
            enorm_merge(&a, red[o], red[o + GPULM_TEAM], red[o + 2 * GPULM_TEAM], red[o + 3 * GPULM_TEAM], red[o + 4 * GPULM_TEAM]);
            red[lid] = a.s1;
            red[lid + GPULM_TEAM] = a.s2;
            red[lid + 2 * GPULM_TEAM] = a.s3;
            red[lid + 3 * GPULM_TEAM] = a.x1max;
            red[lid + 4 * GPULM_TEAM] = a.x3max;
        }

        BARRIER();
    }

    e.s1 = red[0];
    e.s2 = red[GPULM_TEAM];
    e.s3 = red[2 * GPULM_TEAM];
    e.x1max = red[3 * GPULM_TEAM];
    e.x3max = red[4 * GPULM_TEAM];
    BARRIER();
#endif
    return enorm_finish(&e);
}

/* The team's sum of one partial value per thread (a tree over the threads); every thread
   gets the total. A team of one returns its partial unchanged. */
GPULM_DEVICE_FN static real team_sum(real partial, LOCAL real* red, int lid)
{
#if GPULM_TEAM > 1
    red[lid] = partial;
    BARRIER();
    for (int s = GPULM_TEAM / 2; s > 0; s >>= 1)
    {
        if (lid < s)
        {
            red[lid] = red[lid] + red[lid + s];
        }

        BARRIER();
    }

    partial = red[0];
    BARRIER();
#endif
    return partial;
}

/* sum a[i]*b[i] for i in [0, count): each thread in index order over its stride. */
GPULM_DEVICE_FN static real dot_team(int count, GLOBAL const real* a, GLOBAL const real* b, LOCAL real* red, int lid)
{
    real sum = ZERO;
    for (int i = lid; i < count; i += GPULM_TEAM)
    {
        sum += a[i] * b[i];
    }

    return team_sum(sum, red, lid);
}

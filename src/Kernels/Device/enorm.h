/*
 * MINPACK enorm: the Euclidean norm of a vector, free of destructive underflow and
 * overflow (Engine/Minpack/Enorm.cs). The sum of squares is kept in three parts, for
 * small, intermediate and large components, the large and small parts scaled by their
 * largest magnitude. Every sum runs in index order, exactly as the CPU port's.
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

/*
 * The team's reductions: MINPACK's, in MINPACK's order, computed by every thread of the team
 * alike. The m-vectors they read were written by the whole team (each thread its stride), so
 * a barrier comes first; every thread then sums the whole vector in index order, exactly as
 * the CPU port does, and gets the same bits; and a barrier comes after, so that no thread
 * writes the vector while another still reads it. A team therefore splits the model, the
 * Jacobian and the element-wise updates, while each sum runs its whole length in one
 * thread: the results do not depend on the team size, and are the CPU's bit for bit. (A
 * tree over the team would sum in another order and change the last bits, which an LM
 * iteration turns into another stopping test now and then.) The macros expand at each call
 * site, so that no function holding a barrier is inlined at more than one place.
 */

/* enorm of count values in device memory, in index order. */
GPULM_DEVICE_FN static real enorm_global(int count, GLOBAL const real* x)
{
    enorm_sums e;
    enorm_clear(&e);
    real agiant = RGIANT / (real)count;
    for (int i = 0; i < count; i++)
    {
        enorm_add(&e, x[i], agiant);
    }

    return enorm_finish(&e);
}

/* sum a[i]*b[i] for i in [0, count), in index order. */
GPULM_DEVICE_FN static real dot_global(int count, GLOBAL const real* a, GLOBAL const real* b)
{
    real sum = ZERO;
    for (int i = 0; i < count; i++)
    {
        sum += a[i] * b[i];
    }

    return sum;
}

/* 1 where any of count values in device memory is NaN or infinite, else 0. */
GPULM_DEVICE_FN static int any_nonfinite_global(int count, GLOBAL const real* x)
{
    for (int i = 0; i < count; i++)
    {
        if (!isfinite(x[i]))
        {
            return 1;
        }
    }

    return 0;
}

/* result = enorm of count values of x in device memory, in every thread of the team. */
#define ENORM_TEAM(result, count, x) \
    { \
        BARRIER(); \
        result = enorm_global((count), (x)); \
        BARRIER(); \
    }

/* ENORM_TEAM where cond (the same in every thread) holds; where it does not, the team
   passes the same barriers and result is left alone. */
#define ENORM_TEAM_IF(cond, result, count, x) \
    { \
        BARRIER(); \
        if (cond) \
        { \
            result = enorm_global((count), (x)); \
        } \
        BARRIER(); \
    }

/* result = sum a[i]*b[i] for i in [0, count), in every thread of the team. */
#define DOT_TEAM(result, count, a, b) \
    { \
        BARRIER(); \
        result = dot_global((count), (a), (b)); \
        BARRIER(); \
    }

/* result = whether any of count values of x in device memory is not finite, in every thread. */
#define NONFINITE_TEAM(result, count, x) \
    { \
        BARRIER(); \
        result = any_nonfinite_global((count), (x)); \
        BARRIER(); \
    }

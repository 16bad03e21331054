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

/*
 * The team reductions. A team of one calls enorm_team, team_sum and dot_team, which sum in
 * index order as the CPU does. A larger team uses the statement macros ENORM_TEAM, TEAM_SUM
 * and DOT_TEAM, which expand at each call site into calls of barrier-free helpers separated
 * by BARRIER()s: no function that holds a barrier is called from more than one place.
 * (PoCL 3.1, LLVM 15, crashes in its always-inline pass when a function with barriers is
 * inlined at two call sites of one kernel.) The macros use the names red (5*GPULM_TEAM
 * reals of local memory) and lid (the thread's index) of the calling scope.
 */

/* The thread's partial enorm sums of x[lid], x[lid + GPULM_TEAM], ... */
GPULM_DEVICE_FN static void enorm_partial(enorm_sums* e, int count, GLOBAL const real* x, int lid)
{
    enorm_clear(e);
    real agiant = RGIANT / (real)count;
    for (int i = lid; i < count; i += GPULM_TEAM)
    {
        enorm_add(e, x[i], agiant);
    }
}

/* enorm of count values in device memory, by a team of one. */
GPULM_DEVICE_FN static real enorm_team(int count, GLOBAL const real* x, LOCAL real* red, int lid)
{
    enorm_sums e;
    enorm_partial(&e, count, x, lid);
    return enorm_finish(&e);
}

/* sum a[i]*b[i] for i = lid, lid + GPULM_TEAM, ... in index order. */
GPULM_DEVICE_FN static real dot_partial(int count, GLOBAL const real* a, GLOBAL const real* b, int lid)
{
    real sum = ZERO;
    for (int i = lid; i < count; i += GPULM_TEAM)
    {
        sum += a[i] * b[i];
    }

    return sum;
}

#if GPULM_TEAM == 1
/* A team of one: its partial is the total. */
GPULM_DEVICE_FN static real team_sum(real partial, LOCAL real* red, int lid)
{
    return partial;
}

GPULM_DEVICE_FN static real dot_team(int count, GLOBAL const real* a, GLOBAL const real* b, LOCAL real* red, int lid)
{
    return dot_partial(count, a, b, lid);
}

#define ENORM_TEAM(result, count, x) result = enorm_team((count), (x), red, lid)
#define ENORM_TEAM_IF(cond, result, count, x) \
    if (cond) \
    { \
        result = enorm_team((count), (x), red, lid); \
    }
#define TEAM_SUM(result, partial) result = team_sum((partial), red, lid)
#define DOT_TEAM(result, count, a, b) result = dot_team((count), (a), (b), red, lid)
#else
#if GPULM_TEAM > 1024
#error GPULM_TEAM above 1024
#endif
/* L(s) for s = GPULM_TEAM/2, ..., 2, 1: the levels of a tree over the team, written out. */
#define GPULM_L1(L) L(1)
#define GPULM_L2(L) L(2) GPULM_L1(L)
#define GPULM_L4(L) L(4) GPULM_L2(L)
#define GPULM_L8(L) L(8) GPULM_L4(L)
#define GPULM_L16(L) L(16) GPULM_L8(L)
#define GPULM_L32(L) L(32) GPULM_L16(L)
#define GPULM_L64(L) L(64) GPULM_L32(L)
#define GPULM_L128(L) L(128) GPULM_L64(L)
#define GPULM_L256(L) L(256) GPULM_L128(L)
#define GPULM_L512(L) L(512) GPULM_L256(L)
#if GPULM_TEAM == 2
#define GPULM_TEAM_LEVELS(L) GPULM_L1(L)
#elif GPULM_TEAM == 4
#define GPULM_TEAM_LEVELS(L) GPULM_L2(L)
#elif GPULM_TEAM == 8
#define GPULM_TEAM_LEVELS(L) GPULM_L4(L)
#elif GPULM_TEAM == 16
#define GPULM_TEAM_LEVELS(L) GPULM_L8(L)
#elif GPULM_TEAM == 32
#define GPULM_TEAM_LEVELS(L) GPULM_L16(L)
#elif GPULM_TEAM == 64
#define GPULM_TEAM_LEVELS(L) GPULM_L32(L)
#elif GPULM_TEAM == 128
#define GPULM_TEAM_LEVELS(L) GPULM_L64(L)
#elif GPULM_TEAM == 256
#define GPULM_TEAM_LEVELS(L) GPULM_L128(L)
#elif GPULM_TEAM == 512
#define GPULM_TEAM_LEVELS(L) GPULM_L256(L)
#else
#define GPULM_TEAM_LEVELS(L) GPULM_L512(L)
#endif

/* The helpers that touch the team's local memory are macros: PoCL 3.1 inlines a function
   that reaches a kernel's __local array itself, and LLVM 15's inliner crashes on some. */

/* Stores the thread's partial enorm sums of count values of x in red. */
#define GPULM_ENORM_STORE(count, x) \
    { \
        enorm_sums e_; \
        enorm_partial(&e_, (count), (x), lid); \
        red[lid] = e_.s1; \
        red[lid + GPULM_TEAM] = e_.s2; \
        red[lid + 2 * GPULM_TEAM] = e_.s3; \
        red[lid + 3 * GPULM_TEAM] = e_.x1max; \
        red[lid + 4 * GPULM_TEAM] = e_.x3max; \
    }

/* One level of the tree: thread lid < s merges the sums of thread lid + s into its own. */
#define GPULM_ENORM_LEVEL(s) \
    if (lid < (s)) \
    { \
        enorm_sums a_; \
        a_.s1 = red[lid]; \
        a_.s2 = red[lid + GPULM_TEAM]; \
        a_.s3 = red[lid + 2 * GPULM_TEAM]; \
        a_.x1max = red[lid + 3 * GPULM_TEAM]; \
        a_.x3max = red[lid + 4 * GPULM_TEAM]; \
        int o_ = lid + (s); \
        enorm_merge(&a_, red[o_], red[o_ + GPULM_TEAM], red[o_ + 2 * GPULM_TEAM], red[o_ + 3 * GPULM_TEAM], red[o_ + 4 * GPULM_TEAM]); \
        red[lid] = a_.s1; \
        red[lid + GPULM_TEAM] = a_.s2; \
        red[lid + 2 * GPULM_TEAM] = a_.s3; \
        red[lid + 3 * GPULM_TEAM] = a_.x1max; \
        red[lid + 4 * GPULM_TEAM] = a_.x3max; \
    } \
    BARRIER();

/* The norm from the team's merged sums in red. */
#define GPULM_ENORM_LOAD(result) \
    { \
        enorm_sums e_; \
        e_.s1 = red[0]; \
        e_.s2 = red[GPULM_TEAM]; \
        e_.s3 = red[2 * GPULM_TEAM]; \
        e_.x1max = red[3 * GPULM_TEAM]; \
        e_.x3max = red[4 * GPULM_TEAM]; \
        result = enorm_finish(&e_); \
    }

/* One level of the sum tree. */
#define GPULM_SUM_LEVEL(s) \
    if (lid < (s)) \
    { \
        red[lid] = red[lid] + red[lid + (s)]; \
    } \
    BARRIER();


/* result = enorm of count values of x in device memory, by the whole team; every thread
   gets the norm. */
#define ENORM_TEAM(result, count, x) \
    { \
        GPULM_ENORM_STORE((count), (x)) \
        BARRIER(); \
        GPULM_TEAM_LEVELS(GPULM_ENORM_LEVEL) \
        GPULM_ENORM_LOAD(result) \
        BARRIER(); \
    }

/* ENORM_TEAM where cond (the same in every thread) holds; where it does not, the team
   passes the same barriers and result is left alone. */
#define ENORM_TEAM_IF(cond, result, count, x) \
    { \
        if (cond) \
        { \
            GPULM_ENORM_STORE((count), (x)) \
        } \
        BARRIER(); \
        GPULM_TEAM_LEVELS(GPULM_ENORM_LEVEL) \
        if (cond) \
        { \
            GPULM_ENORM_LOAD(result) \
        } \
        BARRIER(); \
    }

/* result = the team's sum of one partial value per thread (a tree over the threads);
   every thread gets the total. */
#define TEAM_SUM(result, partial) \
    { \
        red[lid] = (partial); \
        BARRIER(); \
        GPULM_TEAM_LEVELS(GPULM_SUM_LEVEL) \
        result = red[0]; \
        BARRIER(); \
    }

/* result = sum a[i]*b[i] for i in [0, count): each thread in index order over its stride,
   then the tree. */
#define DOT_TEAM(result, count, a, b) TEAM_SUM(result, dot_partial((count), (a), (b), lid))
#endif

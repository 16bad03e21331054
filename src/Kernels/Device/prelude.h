/*
 * GpuLm device prelude: one C99 subset that compiles as OpenCL C 1.2 and as CUDA C.
 *
 * The including code defines before this file:
 *   GPULM_DOUBLE    1 for real = double, 0 for real = float;
 *   GPULM_TEAM      the threads per problem (a power of two, 1 allowed);
 *   GPULM_PACK      the problems per work-group (sub-teams); above 1 only with a team of
 *                   one, since a barrier spans the whole work-group and the problems of a
 *                   group leave their loops at different iterations;
 *   GPULM_ANALYTIC  1 for the model's Jacobian (lmder), 0 for forward differences (lmdif).
 * Address spaces: GLOBAL for per-problem arrays in device memory, LOCAL for a pointer to
 * the team's shared n-vectors, SHARED to declare them in the kernel.
 */
#if defined(__OPENCL_VERSION__)
#if GPULM_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
/* MINPACK's operation order, each product rounded: no fused multiply-add. */
#pragma OPENCL FP_CONTRACT OFF
#define KERNEL __kernel
#define GLOBAL __global
#define LOCAL __local
#define SHARED __local
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
#define GROUP_ID() ((int)get_group_id(0))
#define LOCAL_ID() ((int)get_local_id(0))
#define GPULM_DEVICE_FN
#else
#define KERNEL extern "C" __global__
#define GLOBAL
#define LOCAL
#define SHARED __shared__
#define BARRIER() __syncthreads()
#define GROUP_ID() ((int)blockIdx.x)
#define LOCAL_ID() ((int)threadIdx.x)
#define GPULM_DEVICE_FN __device__
#endif

#if GPULM_PACK > 1 && GPULM_TEAM > 1
#error GPULM_PACK above 1 needs GPULM_TEAM 1
#endif

#if GPULM_TEAM == 1
/* A team of one needs no barrier; leaving them out also spares PoCL's work-group passes. */
#undef BARRIER
#define BARRIER() ((void)0)
#endif

#if GPULM_DOUBLE
typedef double real;
/* dpmpar(1) and dpmpar(2) as MINPACK spells them (not 2^-52). */
#define EPSMCH 2.22044604926e-16
#define DWARF 2.22507385852e-308
#define RL(x) x
#else
typedef float real;
/* the float counterparts of dpmpar(1) and dpmpar(2). */
#define EPSMCH 1.19209290e-07f
#define DWARF 1.17549435e-38f
#define RL(x) x##f
#endif

#define ZERO RL(0.0)
#define ONE RL(1.0)
#define P001 RL(1.0e-3)
#define P0001 RL(1.0e-4)
#define P05 RL(5.0e-2)
#define P1 RL(1.0e-1)
#define P25 RL(2.5e-1)
#define P5 RL(5.0e-1)
#define P75 RL(7.5e-1)

/* Math.Max and Math.Min as .NET computes them: a NaN operand gives NaN. */
GPULM_DEVICE_FN static real mp_max(real a, real b)
{
    return (a != a) ? a : ((b != b) ? b : (a > b ? a : b));
}

GPULM_DEVICE_FN static real mp_min(real a, real b)
{
    return (a != a) ? a : ((b != b) ? b : (a < b ? a : b));
}

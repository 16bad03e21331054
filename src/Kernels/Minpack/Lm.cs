using System.Numerics;
using System.Runtime.CompilerServices;
using GpuLm.Kernels.Models;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>
/// MINPACK's LM iteration as one ILGPU kernel, specialised on the real type, its machine
/// constants, the model, the layout of teams and the Jacobian source: one file per MINPACK
/// routine (<c>Enorm</c>, <c>Qrfac</c>, <c>Qrsolv</c>, <c>Lmpar</c>, <c>Fdjac2</c>,
/// <c>Lmder</c>), mirroring <c>Engine/Minpack</c> with the same names and step comments.
/// </summary>
/// <typeparam name="TReal">double or float.</typeparam>
/// <typeparam name="TMachine">MINPACK's machine constants in <typeparamref name="TReal"/>.</typeparam>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TLayout">The team size and problems per group.</typeparam>
/// <typeparam name="TJacobian">The model's derivatives or forward differences.</typeparam>
/// <remarks>
/// <para>Every type argument is a struct whose static members are constants, so the kernel
/// ILGPU compiles holds no flag for them: a team of one has no barrier at all, a finite-difference
/// kernel no call to the model's derivatives.</para>
/// <para>Work-group g holds <c>ProblemsPerGroup</c> teams of <c>Team</c> threads, and team k
/// fits row g·ProblemsPerGroup + k to the end. The team splits the loops over the m residuals;
/// the n-vectors live in shared memory and are written by thread 0 between barriers (lmpar's
/// par among them, read back by every thread); every thread keeps its own copy of the other
/// scalars (fnorm, delta, ...) and computes them alike, each norm and dot product over m in
/// MINPACK's index order (<c>Enorm</c>), so that all threads take the same branches and the
/// results are the CPU port's at every team size. ILGPU writes one OpenCL C statement per
/// operation, which OpenCL C does not contract into a fused multiply-add, so in double the
/// kernel performs the CPU port's operations in its order; a backend that fuses on its own
/// (PTX without <c>.rn</c>) must be told not to.</para>
/// <para>Every routine is inlined into the kernel (<see cref="MethodImplOptions.AggressiveInlining"/>):
/// ILGPU then knows the address space of every view (global or shared), which OpenCL 1.2
/// devices such as PoCL require, and each barrier stands in straight-line code of the one
/// kernel function.</para>
/// </remarks>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
    where TReal : unmanaged, IFloatingPointIeee754<TReal>
    where TMachine : struct, IMachine<TReal>
    where TModel : struct, IDeviceModel<TReal>
    where TLayout : struct, ILayout
    where TJacobian : struct, IJacobianSource
{
    private static TReal Zero => TReal.Zero;

    private static TReal One => TReal.One;

    private static TReal P001 => TMachine.Of(1.0e-3);

    private static TReal P0001 => TMachine.Of(1.0e-4);

    private static TReal P05 => TMachine.Of(5.0e-2);

    private static TReal P1 => TMachine.Of(1.0e-1);

    private static TReal P25 => TMachine.Of(2.5e-1);

    private static TReal P5 => TMachine.Of(5.0e-1);

    private static TReal P75 => TMachine.Of(7.5e-1);

    /// <summary>The threads of one problem's team.</summary>
    private static int Team => TLayout.Team;

    /// <summary>n, the model's parameters.</summary>
    private static int N => TModel.ParameterCount;

    /// <summary>Waits for the team, where a team has more than one thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Barrier()
    {
        if (TLayout.Team > 1)
        {
            DeviceBarrier.Sync();
        }
    }

    // Every relational comparison of reals goes through these four, which are false for NaN
    // on every backend (DeviceCompare: ILGPU would otherwise write some of them for OpenCL as
    // comparisons that are true for NaN); == and != are right as they are.

    /// <summary>a &lt; b, false where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Lt(TReal a, TReal b) => TMachine.Less(a, b);

    /// <summary>a ≤ b, false where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Le(TReal a, TReal b) => TMachine.LessOrEqual(a, b);

    /// <summary>a &gt; b, false where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Gt(TReal a, TReal b) => TMachine.Greater(a, b);

    /// <summary>a ≥ b, false where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Ge(TReal a, TReal b) => TMachine.GreaterOrEqual(a, b);

    /// <summary>Math.Max's NaN rule: a NaN operand gives NaN (OpenCL's fmax would drop it). Unlike
    /// Math.Max it does not order −0 below +0; MINPACK never compares zeros of opposite signs here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal Max(TReal a, TReal b) =>
        TReal.IsNaN(a) ? a : TReal.IsNaN(b) ? b : Gt(a, b) ? a : b;

    /// <summary>Math.Min's NaN rule: a NaN operand gives NaN (see <see cref="Max"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal Min(TReal a, TReal b) =>
        TReal.IsNaN(a) ? a : TReal.IsNaN(b) ? b : Lt(a, b) ? a : b;
}

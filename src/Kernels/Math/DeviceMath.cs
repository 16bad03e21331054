using ILGPU.IR.Intrinsics;

namespace GpuLm.Kernels;

/// <summary>
/// The device's double exp, pow and atan, which give <see cref="Math.Exp"/>,
/// <see cref="Math.Pow"/> and <see cref="Math.Atan"/>'s bits where those are glibc's FMA builds
/// (x86-64 Linux with FMA and AVX2), and the exact fused multiply-add they are built from. Every
/// member compiles as ILGPU kernel code: no allocation, exception or virtual call.
/// </summary>
/// <remarks>
/// <para>A kernel that calls exp, pow or atan takes a <see cref="MathTables"/> argument (the
/// tables in device memory, uploaded once per accelerator by <see cref="MathTablesBuffer"/>) and
/// passes it on. Single precision needs none of this: float models call <see cref="MathF"/>
/// directly, which ILGPU maps to the device's own functions.</para>
/// <para><see cref="Fma"/> is exact on every backend only once <see cref="DeviceIntrinsics.Register"/>
/// has run on the kernel's context; the algorithms mirror glibc's FMA builds, whose every fused
/// multiply-add is a <see cref="Fma"/> call here, and whose every other operation must stay one
/// rounded operation. Three things between this C# and the device could break that, and are
/// kept out. ILGPU's IR builder rewrites arithmetic with constants for doubles as for integers
/// (c1 - (c2 - x) into (c1 - c2) + x, (x + c1) + c2 into x + (c1 + c2), (x * c1) * c2 into
/// x * (c1 c2), x + 0 into x, 0 - x into -x): the ports contain none of these shapes (atan's
/// HPI - (HPI - w) goes through <see cref="Fma"/>, which ILGPU cannot see through), though once
/// ILGPU inlines a port, a caller's argument such as z + c can still combine with the port's
/// first operation on it (1 + x on exp's and pow's tiny paths, pow's x 2^52 for a subnormal
/// x). OpenCL C
/// contracts a multiply and an add only within one expression, and ILGPU writes one statement
/// per operation. PTX is the exception: ILGPU 1.5.3 writes <c>mul.f64</c> and <c>add.f64</c>
/// without <c>.rn</c>, which ptxas may fuse, so a CUDA backend must write them as
/// <c>mul.rn.f64</c> and <c>add.rn.f64</c>.</para>
/// </remarks>
public static class DeviceMath
{
    /// <summary>e raised to <paramref name="x"/>, glibc's exp (its FMA build) bit for bit.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables.</param>
    /// <returns>exp(x).</returns>
    /// <remarks>The port of glibc 2.36's __exp_fma (sysdeps/ieee754/dbl-64/e_exp.c); see <c>DeviceExp</c>.</remarks>
    public static double Exp(double x, MathTables tables) => DeviceExp.Exp(x, tables.Exp);

    /// <summary><paramref name="x"/> raised to <paramref name="y"/>, glibc's pow (its FMA build) bit for bit.</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <param name="tables">The device math tables.</param>
    /// <returns>pow(x, y), with C99's special cases (pow(x, ±0) = 1, pow(1, y) = 1, NaN for a negative x and a non-integer y, ...).</returns>
    /// <remarks>The port of glibc 2.36's __pow_fma (sysdeps/ieee754/dbl-64/e_pow.c); see <c>DevicePow</c>.</remarks>
    public static double Pow(double x, double y, MathTables tables) => DevicePow.Pow(x, y, tables.Exp, tables.PowLog);

    /// <summary>The arctangent of <paramref name="x"/>, glibc's atan (its FMA build) bit for bit.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables.</param>
    /// <returns>atan(x), in [-π/2, π/2].</returns>
    /// <remarks>The port of glibc 2.36's __atan_fma (sysdeps/ieee754/dbl-64/s_atan.c); see <c>DeviceAtan</c>.</remarks>
    public static double Atan(double x, MathTables tables) => DeviceAtan.Atan(x, tables.Atan);

    /// <summary><paramref name="a"/> × <paramref name="b"/> + <paramref name="c"/> rounded once, as C's <c>fma</c>.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>The exact a b + c, rounded to the nearest double.</returns>
    /// <remarks>
    /// An ILGPU intrinsic: <see cref="DeviceIntrinsics.Register"/> makes ILGPU write OpenCL C's
    /// <c>fma(a, b, c)</c> and PTX's <c>fma.rn.f64</c> in its place; a kernel that calls it on a
    /// context without that registration fails to compile (ILGPU's
    /// <c>NotSupportedIntrinsicException</c>), never silently rounds twice. On ILGPU's CPU
    /// accelerator, and on the host, this body runs: <see cref="Math.FusedMultiplyAdd(double, double, double)"/>.
    /// </remarks>
    [IntrinsicImplementation]
    public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}

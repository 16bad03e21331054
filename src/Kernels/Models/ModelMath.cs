namespace GpuLm.Kernels.Models;

/// <summary>
/// The model functions an emitted device model (<see cref="DeviceModelEmitter"/>) calls where
/// neither <see cref="Math"/> nor <see cref="DeviceMath"/> gives the CPU evaluator's result on a
/// device: <c>min</c>, <c>max</c>, <c>erf</c> and <c>erfc</c>.
/// </summary>
/// <remarks>
/// <para><c>min</c>/<c>max</c> are .NET's <see cref="Math.Min(double, double)"/> and
/// <see cref="Math.Max(double, double)"/>: a NaN operand gives NaN, and −0 is less than +0.
/// ILGPU compiles <c>Math.Min</c>/<c>Math.Max</c> to OpenCL's <c>fmin</c>/<c>fmax</c>, which
/// return the other operand when one is NaN, so the model calls these instead, with NaN
/// tested first, since ILGPU's OpenCL
/// backend may get a comparison with a NaN operand wrong (see <c>PlanIlWriter</c>).</para>
/// <para><c>erf</c>/<c>erfc</c> are GpuLm's own (fdlibm's method), which the CPU evaluator
/// calls, in a form ILGPU compiles (<see cref="DeviceErf"/>); in double they are the CPU's bits
/// wherever <see cref="DeviceMath.Exp"/> is <see cref="Math.Exp"/>'s. The float overloads
/// compute in double and round once.</para>
/// </remarks>
public static class ModelMath
{
    /// <summary>Returns the smaller of two values as <see cref="Math.Min(double, double)"/> does.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>a if it is NaN, b if it is NaN, the smaller otherwise; −0 for ±0 and ∓0.</returns>
    public static double Min(double a, double b) =>
        double.IsNaN(a) ? a
        : double.IsNaN(b) ? b
        : a != b ? (a < b ? a : b) : (BitConverter.DoubleToInt64Bits(a) < 0 ? a : b);

    /// <summary>Returns the larger of two values as <see cref="Math.Max(double, double)"/> does.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>a if it is NaN, b if it is NaN, the larger otherwise; +0 for ±0 and ∓0.</returns>
    public static double Max(double a, double b) =>
        double.IsNaN(a) ? a
        : double.IsNaN(b) ? b
        : a != b ? (b < a ? a : b) : (BitConverter.DoubleToInt64Bits(b) < 0 ? a : b);

    /// <summary>Returns the smaller of two values as <see cref="MathF.Min(float, float)"/> does.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>a if it is NaN, b if it is NaN, the smaller otherwise; −0 for ±0 and ∓0.</returns>
    public static float Min(float a, float b) =>
        float.IsNaN(a) ? a
        : float.IsNaN(b) ? b
        : a != b ? (a < b ? a : b) : (BitConverter.SingleToInt32Bits(a) < 0 ? a : b);

    /// <summary>Returns the larger of two values as <see cref="MathF.Max(float, float)"/> does.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>a if it is NaN, b if it is NaN, the larger otherwise; +0 for ±0 and ∓0.</returns>
    public static float Max(float a, float b) =>
        float.IsNaN(a) ? a
        : float.IsNaN(b) ? b
        : a != b ? (b < a ? a : b) : (BitConverter.SingleToInt32Bits(b) < 0 ? a : b);

    /// <summary>Returns erf(x) as the CPU evaluator computes it.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables (erf's tail calls exp).</param>
    /// <returns>erf(x); ±1 at ±∞, NaN at NaN.</returns>
    public static double Erf(double x, MathTables tables) => DeviceErf.Erf(x, tables);

    /// <summary>Returns erfc(x) = 1 − erf(x) as the CPU evaluator computes it.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables (erfc's tail calls exp).</param>
    /// <returns>erfc(x); 0 at +∞, 2 at −∞, NaN at NaN.</returns>
    public static double Erfc(double x, MathTables tables) => DeviceErf.Erfc(x, tables);

    /// <summary>Returns erf(x) in single precision: the double result, rounded.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables (erf's tail calls exp).</param>
    /// <returns>erf(x) rounded to float.</returns>
    public static float Erf(float x, MathTables tables) => (float)DeviceErf.Erf(x, tables);

    /// <summary>Returns erfc(x) in single precision: the double result, rounded.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="tables">The device math tables (erfc's tail calls exp).</param>
    /// <returns>erfc(x) rounded to float.</returns>
    public static float Erfc(float x, MathTables tables) => (float)DeviceErf.Erfc(x, tables);
}

using System.Numerics;

namespace GpuLm.Kernels;

/// <summary>
/// MINPACK's machine parameters and literals for one floating-point type on the device: the
/// kernels are generic in the real type and take its constants from here.
/// </summary>
/// <typeparam name="TReal">double or float.</typeparam>
/// <remarks>
/// MINPACK's <c>dpmpar(1)</c> and <c>dpmpar(2)</c> in double are the literals
/// 2.22044604926e-16 and 2.22507385852e-308 (not 2^-52); in float their counterparts are
/// float's epsilon and smallest normal. ILGPU compiles a static abstract member of a struct
/// type argument to its constant, so the kernels carry no precision flag.
/// </remarks>
public interface IMachine<TReal>
    where TReal : unmanaged, IFloatingPointIeee754<TReal>
{
    /// <summary>The machine precision, MINPACK's <c>epsmch = dpmpar(1)</c>.</summary>
    static abstract TReal Epsmch { get; }

    /// <summary>The smallest magnitude, MINPACK's <c>dwarf = dpmpar(2)</c>.</summary>
    static abstract TReal Dwarf { get; }

    /// <summary>The smallest ftol, xtol and gtol the kernel uses: a smaller tolerance (leastsq's
    /// defaults are 1.49e-8 and 0) is raised to it. Zero in double, where MINPACK's tests are
    /// kept as they are; float's epsilon in single, where ftol and xtol below it could only end
    /// in the stringent tests (ier 6, 7, 8, "no further reduction possible") on rows that have
    /// converged as far as float allows.</summary>
    static abstract TReal ToleranceFloor { get; }

    /// <summary>A literal of the type: the double rounded to the nearest <typeparamref name="TReal"/>.</summary>
    /// <param name="value">The literal.</param>
    /// <returns>The value in <typeparamref name="TReal"/>.</returns>
    static abstract TReal Of(double value);

    /// <summary>An integer as a <typeparamref name="TReal"/>.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value in <typeparamref name="TReal"/>.</returns>
    static abstract TReal Of(int value);

    /// <summary>a &lt; b, false where either is NaN, on every backend (<see cref="DeviceCompare"/>).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is less than b.</returns>
    static abstract bool Less(TReal a, TReal b);

    /// <summary>a ≤ b, false where either is NaN, on every backend.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at most b.</returns>
    static abstract bool LessOrEqual(TReal a, TReal b);

    /// <summary>a &gt; b, false where either is NaN, on every backend.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is greater than b.</returns>
    static abstract bool Greater(TReal a, TReal b);

    /// <summary>a ≥ b, false where either is NaN, on every backend.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at least b.</returns>
    static abstract bool GreaterOrEqual(TReal a, TReal b);
}

/// <summary>MINPACK's double-precision machine parameters, as the CPU port uses them.</summary>
public readonly struct DoubleMachine : IMachine<double>
{
    /// <inheritdoc/>
    public static double Epsmch => 2.22044604926e-16;

    /// <inheritdoc/>
    public static double Dwarf => 2.22507385852e-308;

    /// <inheritdoc/>
    public static double ToleranceFloor => 0.0;

    /// <inheritdoc/>
    public static double Of(double value) => value;

    /// <inheritdoc/>
    public static double Of(int value) => value;

    /// <inheritdoc/>
    public static bool Less(double a, double b) => DeviceCompare.Less(a, b);

    /// <inheritdoc/>
    public static bool LessOrEqual(double a, double b) => DeviceCompare.LessOrEqual(a, b);

    /// <inheritdoc/>
    public static bool Greater(double a, double b) => DeviceCompare.Greater(a, b);

    /// <inheritdoc/>
    public static bool GreaterOrEqual(double a, double b) => DeviceCompare.GreaterOrEqual(a, b);
}

/// <summary>The single-precision counterparts of MINPACK's machine parameters.</summary>
public readonly struct SingleMachine : IMachine<float>
{
    /// <inheritdoc/>
    public static float Epsmch => 1.19209290e-07f;

    /// <inheritdoc/>
    public static float Dwarf => 1.17549435e-38f;

    /// <inheritdoc/>
    public static float ToleranceFloor => Epsmch;

    /// <inheritdoc/>
    public static float Of(double value) => (float)value;

    /// <inheritdoc/>
    public static float Of(int value) => value;

    /// <inheritdoc/>
    public static bool Less(float a, float b) => DeviceCompare.Less(a, b);

    /// <inheritdoc/>
    public static bool LessOrEqual(float a, float b) => DeviceCompare.LessOrEqual(a, b);

    /// <inheritdoc/>
    public static bool Greater(float a, float b) => DeviceCompare.Greater(a, b);

    /// <inheritdoc/>
    public static bool GreaterOrEqual(float a, float b) => DeviceCompare.GreaterOrEqual(a, b);
}

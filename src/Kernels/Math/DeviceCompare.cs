using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.IR;
using ILGPU.IR.Intrinsics;

namespace GpuLm.Kernels;

/// <summary>
/// The relational comparisons of floating-point numbers as the device kernels make them: false
/// where either operand is NaN, as in .NET, on every backend.
/// </summary>
/// <remarks>
/// <para>ILGPU 1.5.3 writes a floating-point comparison for OpenCL without its "unordered"
/// flag. .NET's <c>&lt;=</c> and <c>&gt;=</c> reach ILGPU as negated unordered comparisons,
/// and ILGPU inverts a comparison (toggling that flag) whenever it folds a branch, so on OpenCL
/// a relational comparison with a NaN operand may come out true where .NET says false, and an
/// LM iteration then takes a step MINPACK rejects. These methods are ILGPU intrinsics: ILGPU
/// cannot see into them to invert them, and writes OpenCL's <c>isless</c>, <c>islessequal</c>,
/// <c>isgreater</c> and <c>isgreaterequal</c> (false for NaN) and PTX's ordered
/// <c>setp.lt</c>, <c>setp.le</c>, <c>setp.gt</c>, <c>setp.ge</c> in their place
/// (<see cref="DeviceIntrinsics.Register"/>). On ILGPU's CPU accelerator and on the host their
/// bodies run. <c>==</c> and <c>!=</c> need nothing: C's are .NET's for NaN, whichever way
/// ILGPU turns them.</para>
/// </remarks>
public static class DeviceCompare
{
    /// <summary>a &lt; b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is less than b.</returns>
    [IntrinsicImplementation]
    public static bool Less(double a, double b) => a < b;

    /// <summary>a ≤ b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at most b.</returns>
    [IntrinsicImplementation]
    public static bool LessOrEqual(double a, double b) => a <= b;

    /// <summary>a &gt; b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is greater than b.</returns>
    [IntrinsicImplementation]
    public static bool Greater(double a, double b) => a > b;

    /// <summary>a ≥ b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at least b.</returns>
    [IntrinsicImplementation]
    public static bool GreaterOrEqual(double a, double b) => a >= b;

    /// <summary>a &lt; b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is less than b.</returns>
    [IntrinsicImplementation]
    public static bool Less(float a, float b) => a < b;

    /// <summary>a ≤ b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at most b.</returns>
    [IntrinsicImplementation]
    public static bool LessOrEqual(float a, float b) => a <= b;

    /// <summary>a &gt; b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is greater than b.</returns>
    [IntrinsicImplementation]
    public static bool Greater(float a, float b) => a > b;

    /// <summary>a ≥ b, false where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>Whether a is at least b.</returns>
    [IntrinsicImplementation]
    public static bool GreaterOrEqual(float a, float b) => a >= b;

    /// <summary>Each comparison method with the OpenCL C function and the PTX comparison it becomes.</summary>
    internal static IEnumerable<(System.Reflection.MethodInfo Method, string OpenCL, string Ptx)> Intrinsics()
    {
        (string Name, string OpenCL, string Ptx)[] kinds =
        [
            (nameof(Less), "isless", "lt"),
            (nameof(LessOrEqual), "islessequal", "le"),
            (nameof(Greater), "isgreater", "gt"),
            (nameof(GreaterOrEqual), "isgreaterequal", "ge"),
        ];
        foreach ((Type type, string suffix) in new[] { (typeof(double), "f64"), (typeof(float), "f32") })
        {
            foreach ((string name, string openCL, string ptx) in kinds)
            {
                System.Reflection.MethodInfo method = typeof(DeviceCompare).GetMethod(name, [type, type])
                    ?? throw new MissingMethodException(nameof(DeviceCompare), name);
                yield return (method, openCL, $"setp.{ptx}.{suffix}");
            }
        }
    }
}

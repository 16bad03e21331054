using System.Reflection;
using GpuLm.Models;

namespace GpuLm.Kernels.Models;

/// <summary>A method an emitted device model calls for a model function.</summary>
/// <param name="Method">The static method; its arguments are the function's, in order.</param>
/// <param name="TakesTables">Whether the method takes the device math tables after them.</param>
internal readonly record struct DeviceFunction(MethodInfo Method, bool TakesTables);

/// <summary>
/// The methods that compute each model function on a device, in double and in single
/// precision: what <see cref="DeviceModelEmitter"/> calls where the CPU evaluator calls
/// <see cref="ModelFunctions"/>' <see cref="Math"/> methods.
/// </summary>
/// <remarks>
/// <para>Double: <c>exp</c>, <c>pow</c> and <c>atan</c> are <see cref="DeviceMath"/>'s, which
/// reproduces glibc's bits on every device, since ILGPU would otherwise compile them to the
/// device's own libm; <c>erf</c>, <c>erfc</c>, <c>min</c> and <c>max</c> are
/// <see cref="ModelMath"/>'s; the rest are the <see cref="Math"/> methods the CPU evaluator calls, which ILGPU's CPU accelerator runs as they are and
/// ILGPU's OpenCL backend compiles to the device's built-ins (its PTX backend implements log,
/// sin, cos, tan, atan2, sinh, cosh and tanh only through NVIDIA's libdevice).</para>
/// <para>Single: the <see cref="MathF"/> counterparts (on PTX, exp, pow, atan and the eight
/// above need libdevice), <see cref="ModelMath"/>'s float <c>min</c>/<c>max</c>, and
/// <c>erf</c>/<c>erfc</c> through double.</para>
/// </remarks>
internal static class DeviceFunctions
{
    /// <summary>Returns the method that computes <paramref name="function"/> in the given precision.</summary>
    /// <param name="function">Any model function but <see cref="ModelFunction.Sign"/>, which is emitted inline.</param>
    /// <param name="single">Whether the model computes in single precision.</param>
    /// <exception cref="InvalidOperationException"><paramref name="function"/> is <c>sign</c>.</exception>
    public static DeviceFunction For(ModelFunction function, bool single) => single
        ? function switch
        {
            ModelFunction.Exp => System(typeof(MathF), nameof(MathF.Exp), 1, true),
            ModelFunction.Log => System(typeof(MathF), nameof(MathF.Log), 1, true),
            ModelFunction.Sqrt => System(typeof(MathF), nameof(MathF.Sqrt), 1, true),
            ModelFunction.Sin => System(typeof(MathF), nameof(MathF.Sin), 1, true),
            ModelFunction.Cos => System(typeof(MathF), nameof(MathF.Cos), 1, true),
            ModelFunction.Tan => System(typeof(MathF), nameof(MathF.Tan), 1, true),
            ModelFunction.Atan => System(typeof(MathF), nameof(MathF.Atan), 1, true),
            ModelFunction.Atan2 => System(typeof(MathF), nameof(MathF.Atan2), 2, true),
            ModelFunction.Sinh => System(typeof(MathF), nameof(MathF.Sinh), 1, true),
            ModelFunction.Cosh => System(typeof(MathF), nameof(MathF.Cosh), 1, true),
            ModelFunction.Tanh => System(typeof(MathF), nameof(MathF.Tanh), 1, true),
            ModelFunction.Abs => System(typeof(MathF), nameof(MathF.Abs), 1, true),
            ModelFunction.Erf => WithTables(typeof(ModelMath), nameof(ModelMath.Erf), 1, true),
            ModelFunction.Erfc => WithTables(typeof(ModelMath), nameof(ModelMath.Erfc), 1, true),
            ModelFunction.Min => System(typeof(ModelMath), nameof(ModelMath.Min), 2, true),
            ModelFunction.Max => System(typeof(ModelMath), nameof(ModelMath.Max), 2, true),
            _ => throw new InvalidOperationException($"{function} has no device method: it is emitted inline"),
        }
        : function switch
        {
            ModelFunction.Exp => WithTables(typeof(DeviceMath), nameof(DeviceMath.Exp), 1, false),
            ModelFunction.Log => System(typeof(Math), nameof(Math.Log), 1, false),
            ModelFunction.Sqrt => System(typeof(Math), nameof(Math.Sqrt), 1, false),
            ModelFunction.Sin => System(typeof(Math), nameof(Math.Sin), 1, false),
            ModelFunction.Cos => System(typeof(Math), nameof(Math.Cos), 1, false),
            ModelFunction.Tan => System(typeof(Math), nameof(Math.Tan), 1, false),
            ModelFunction.Atan => WithTables(typeof(DeviceMath), nameof(DeviceMath.Atan), 1, false),
            ModelFunction.Atan2 => System(typeof(Math), nameof(Math.Atan2), 2, false),
            ModelFunction.Sinh => System(typeof(Math), nameof(Math.Sinh), 1, false),
            ModelFunction.Cosh => System(typeof(Math), nameof(Math.Cosh), 1, false),
            ModelFunction.Tanh => System(typeof(Math), nameof(Math.Tanh), 1, false),
            ModelFunction.Abs => System(typeof(Math), nameof(Math.Abs), 1, false),
            ModelFunction.Erf => WithTables(typeof(ModelMath), nameof(ModelMath.Erf), 1, false),
            ModelFunction.Erfc => WithTables(typeof(ModelMath), nameof(ModelMath.Erfc), 1, false),
            ModelFunction.Min => System(typeof(ModelMath), nameof(ModelMath.Min), 2, false),
            ModelFunction.Max => System(typeof(ModelMath), nameof(ModelMath.Max), 2, false),
            _ => throw new InvalidOperationException($"{function} has no device method: it is emitted inline"),
        };

    /// <summary>Returns the method that computes a power whose exponent is not 1, 2, 3 or 4.</summary>
    /// <param name="single">Whether the model computes in single precision.</param>
    public static DeviceFunction Pow(bool single) => single
        ? System(typeof(MathF), nameof(MathF.Pow), 2, true)
        : WithTables(typeof(DeviceMath), nameof(DeviceMath.Pow), 2, false);

    private static DeviceFunction System(Type type, string name, int arity, bool single) =>
        new(Find(type, name, Arguments(arity, single)), false);

    private static DeviceFunction WithTables(Type type, string name, int arity, bool single) =>
        new(Find(type, name, [.. Arguments(arity, single), typeof(MathTables)]), true);

    private static Type[] Arguments(int arity, bool single)
    {
        Type real = single ? typeof(float) : typeof(double);
        return arity == 1 ? [real] : [real, real];
    }

    private static MethodInfo Find(Type type, string name, Type[] arguments)
    {
        MethodInfo? method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, arguments);
        if (method is null || method.ReturnType != arguments[0])
        {
            throw new InvalidOperationException(
                $"{type.FullName} has no public static {arguments[0].Name} {name}({string.Join(", ", arguments.Select(a => a.Name))}), "
                + "which the device model calls");
        }

        return method;
    }
}

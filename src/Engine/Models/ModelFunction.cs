using System.Reflection;

namespace GpuLm.Models;

/// <summary>The functions a model may call (<c>pow</c> is a <see cref="BinaryOperator.Power"/>).</summary>
internal enum ModelFunction
{
    /// <summary><c>exp(u)</c>: <see cref="Math.Exp"/>.</summary>
    Exp,

    /// <summary><c>log(u)</c>, the natural logarithm: <see cref="Math.Log(double)"/>.</summary>
    Log,

    /// <summary><c>sqrt(u)</c>: <see cref="Math.Sqrt"/>.</summary>
    Sqrt,

    /// <summary><c>sin(u)</c>: <see cref="Math.Sin"/>.</summary>
    Sin,

    /// <summary><c>cos(u)</c>: <see cref="Math.Cos"/>.</summary>
    Cos,

    /// <summary><c>tan(u)</c>: <see cref="Math.Tan"/>.</summary>
    Tan,

    /// <summary><c>atan(u)</c>: <see cref="Math.Atan"/>.</summary>
    Atan,

    /// <summary><c>atan2(y, x)</c>: <see cref="Math.Atan2"/>.</summary>
    Atan2,

    /// <summary><c>sinh(u)</c>: <see cref="Math.Sinh"/>.</summary>
    Sinh,

    /// <summary><c>cosh(u)</c>: <see cref="Math.Cosh"/>.</summary>
    Cosh,

    /// <summary><c>tanh(u)</c>: <see cref="Math.Tanh"/>.</summary>
    Tanh,

    /// <summary><c>abs(u)</c>: <see cref="Math.Abs(double)"/>.</summary>
    Abs,

    /// <summary><c>erf(u)</c>: <see cref="SpecialFunctions.Erf"/>.</summary>
    Erf,

    /// <summary><c>erfc(u)</c>: <see cref="SpecialFunctions.Erfc"/>.</summary>
    Erfc,

    /// <summary><c>min(u, v)</c>: <see cref="Math.Min(double, double)"/>.</summary>
    Min,

    /// <summary><c>max(u, v)</c>: <see cref="Math.Max(double, double)"/>.</summary>
    Max,

    /// <summary><c>sign(u)</c>: 1, -1, or u itself for ±0 and NaN (the derivative of
    /// <c>abs</c>; derivatives only, not in the grammar).</summary>
    Sign,
}

/// <summary>What the parser, the printers and the code generators need to know of each function.</summary>
internal static class ModelFunctions
{
    /// <summary>The name of the power function, which parses to <see cref="BinaryOperator.Power"/>.</summary>
    public const string PowName = "pow";

    private static readonly FunctionInfo[] Table =
    [
        new(ModelFunction.Exp, "exp", 1, Method(typeof(Math), nameof(Math.Exp), 1)),
        new(ModelFunction.Log, "log", 1, Method(typeof(Math), nameof(Math.Log), 1)),
        new(ModelFunction.Sqrt, "sqrt", 1, Method(typeof(Math), nameof(Math.Sqrt), 1)),
        new(ModelFunction.Sin, "sin", 1, Method(typeof(Math), nameof(Math.Sin), 1)),
        new(ModelFunction.Cos, "cos", 1, Method(typeof(Math), nameof(Math.Cos), 1)),
        new(ModelFunction.Tan, "tan", 1, Method(typeof(Math), nameof(Math.Tan), 1)),
        new(ModelFunction.Atan, "atan", 1, Method(typeof(Math), nameof(Math.Atan), 1)),
        new(ModelFunction.Atan2, "atan2", 2, Method(typeof(Math), nameof(Math.Atan2), 2)),
        new(ModelFunction.Sinh, "sinh", 1, Method(typeof(Math), nameof(Math.Sinh), 1)),
        new(ModelFunction.Cosh, "cosh", 1, Method(typeof(Math), nameof(Math.Cosh), 1)),
        new(ModelFunction.Tanh, "tanh", 1, Method(typeof(Math), nameof(Math.Tanh), 1)),
        new(ModelFunction.Abs, "abs", 1, Method(typeof(Math), nameof(Math.Abs), 1)),
        new(ModelFunction.Erf, "erf", 1, Method(typeof(SpecialFunctions), nameof(SpecialFunctions.Erf), 1)),
        new(ModelFunction.Erfc, "erfc", 1, Method(typeof(SpecialFunctions), nameof(SpecialFunctions.Erfc), 1)),
        new(ModelFunction.Min, "min", 2, Method(typeof(Math), nameof(Math.Min), 2)),
        new(ModelFunction.Max, "max", 2, Method(typeof(Math), nameof(Math.Max), 2)),
        new(ModelFunction.Sign, "sign", 1, null),
    ];

    /// <summary>The names a model may call, in the order error messages list them.</summary>
    public const string KnownNames =
        "exp, log, sqrt, pow, sin, cos, tan, atan, atan2, sinh, cosh, tanh, abs, erf, erfc, min, max";

    /// <summary><see cref="Math.Pow"/>.</summary>
    public static readonly MethodInfo PowMethod = Method(typeof(Math), nameof(Math.Pow), 2);

    /// <summary>Returns the facts about a function.</summary>
    /// <param name="function">The function.</param>
    public static FunctionInfo Info(ModelFunction function) => Table[(int)function];

    /// <summary>Whether <paramref name="name"/> is a function of the grammar (including <c>pow</c>).</summary>
    /// <param name="name">A name.</param>
    public static bool IsFunctionName(string name) => name == PowName || TryParse(name, out _);

    /// <summary>Looks up a function of the grammar by name (<c>pow</c> excluded).</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="info">The function, when found.</param>
    public static bool TryParse(string name, out FunctionInfo info)
    {
        foreach (FunctionInfo candidate in Table)
        {
            if (candidate.Function != ModelFunction.Sign && candidate.Name == name)
            {
                info = candidate;
                return true;
            }
        }

        info = Table[0];
        return false;
    }

    /// <summary>Evaluates a function as the compiled CPU evaluator does, for constant folding.</summary>
    /// <param name="function">The function.</param>
    /// <param name="u">The first argument.</param>
    /// <param name="v">The second argument of a two-argument function; ignored otherwise.</param>
    public static double Evaluate(ModelFunction function, double u, double v) => function switch
    {
        ModelFunction.Exp => Math.Exp(u),
        ModelFunction.Log => Math.Log(u),
        ModelFunction.Sqrt => Math.Sqrt(u),
        ModelFunction.Sin => Math.Sin(u),
        ModelFunction.Cos => Math.Cos(u),
        ModelFunction.Tan => Math.Tan(u),
        ModelFunction.Atan => Math.Atan(u),
        ModelFunction.Atan2 => Math.Atan2(u, v),
        ModelFunction.Sinh => Math.Sinh(u),
        ModelFunction.Cosh => Math.Cosh(u),
        ModelFunction.Tanh => Math.Tanh(u),
        ModelFunction.Abs => Math.Abs(u),
        ModelFunction.Erf => SpecialFunctions.Erf(u),
        ModelFunction.Erfc => SpecialFunctions.Erfc(u),
        ModelFunction.Min => Math.Min(u, v),
        ModelFunction.Max => Math.Max(u, v),
        ModelFunction.Sign => u > 0.0 ? 1.0 : u < 0.0 ? -1.0 : u,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a model function"),
    };

    private static MethodInfo Method(Type type, string name, int arity) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
            arity == 1 ? [typeof(double)] : [typeof(double), typeof(double)])
        ?? throw new MissingMethodException(type.FullName, name);
}

/// <summary>One function of the grammar.</summary>
/// <param name="Function">The function.</param>
/// <param name="Name">Its name in model expressions.</param>
/// <param name="Arity">How many arguments it takes.</param>
/// <param name="Method">The .NET method the CPU evaluator calls; null for <c>sign</c>,
/// which is compiled inline.</param>
internal sealed record FunctionInfo(ModelFunction Function, string Name, int Arity, MethodInfo? Method);

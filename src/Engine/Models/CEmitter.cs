using System.Globalization;
using System.Text;

namespace GpuLm.Models;

/// <summary>
/// Writes a model as C99 device functions over a type <c>real</c>, for OpenCL C and CUDA C.
/// </summary>
/// <remarks>
/// The functions evaluate the same <see cref="EvaluationPlan"/>s as the CPU evaluator, so
/// with <c>real</c> = double, no FMA contraction and the same libm they give the same
/// doubles. Literals are written so they are exact in double and cast to <c>real</c>;
/// integer powers 2 to 4 are repeated multiplications; <c>min</c>/<c>max</c> call helpers
/// with .NET's NaN and signed-zero semantics (C's <c>fmin</c>/<c>fmax</c> ignore a NaN
/// operand instead), emitted once per translation unit behind a guard.
/// </remarks>
internal static class CEmitter
{
    private const int Additive = 1;
    private const int Multiplicative = 2;
    private const int Unary = 3;
    private const int Atom = 5;

    private const string MinMaxHelpers = """
        #ifndef GPULM_MODEL_MINMAX
        #define GPULM_MODEL_MINMAX
        /* min and max as .NET's Math.Min/Math.Max: a NaN operand gives NaN, and -0 < +0. */
        GPULM_DEVICE_FN static real gpulm_min(real a, real b)
        {
            return a != b ? ((a < b || isnan(a)) ? a : b) : (signbit(a) ? a : b);
        }
        GPULM_DEVICE_FN static real gpulm_max(real a, real b)
        {
            return a != b ? ((b < a || isnan(a)) ? a : b) : (signbit(b) ? a : b);
        }
        #endif

        """;

    /// <summary>Returns the C source of <paramref name="model"/>'s value and Jacobian functions.</summary>
    /// <param name="model">The model.</param>
    /// <param name="valuePlan">The plan of its value.</param>
    /// <param name="jacobianPlan">The plan of its n derivatives.</param>
    /// <param name="prefix">A C identifier the function and macro names start with.</param>
    public static string Emit(Model model, EvaluationPlan valuePlan, EvaluationPlan jacobianPlan, string prefix)
    {
        var c = new StringBuilder();
        string upper = prefix.ToUpperInvariant();
        c.Append("/* ").Append(model.Expression).Append("; parameters: ").AppendJoin(", ", model.Parameters)
            .Append("; variables: ").AppendJoin(", ", model.Variables).Append(" */\n");
        c.Append("#ifndef GPULM_DEVICE_FN\n#define GPULM_DEVICE_FN\n#endif\n");
        c.Append("#define ").Append(upper).Append("_N ").Append(model.ParameterCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        c.Append("#define ").Append(upper).Append("_D ").Append(model.VariableCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (valuePlan.Calls(ModelFunction.Min) || valuePlan.Calls(ModelFunction.Max)
            || jacobianPlan.Calls(ModelFunction.Min) || jacobianPlan.Calls(ModelFunction.Max))
        {
            c.Append(MinMaxHelpers.Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        c.Append('\n');
        c.Append("GPULM_DEVICE_FN static real ").Append(prefix).Append("_value(const real* p, const real* v)\n{\n");
        WriteTemporaries(c, valuePlan);
        c.Append("    return ").Append(Print(valuePlan.Outputs[0])).Append(";\n}\n\n");

        c.Append("/* dfdp[j] = df/dp_j at this point */\n");
        c.Append("GPULM_DEVICE_FN static void ").Append(prefix).Append("_jacobian(const real* p, const real* v, real* dfdp)\n{\n");
        WriteTemporaries(c, jacobianPlan);
        for (int j = 0; j < jacobianPlan.Outputs.Count; j++)
        {
            c.Append("    dfdp[").Append(j.ToString(CultureInfo.InvariantCulture)).Append("] = ")
                .Append(Print(jacobianPlan.Outputs[j])).Append(";\n");
        }

        c.Append("}\n");
        return c.ToString();
    }

    /// <summary>Formats a literal as a C double literal that is exact, cast to <c>real</c>.</summary>
    /// <param name="value">A finite value.</param>
    public static string FormatLiteral(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return "(real)" + text;
    }

    private static void WriteTemporaries(StringBuilder c, EvaluationPlan plan)
    {
        // Unused arguments are named once so that -Wunused-parameter stays quiet.
        if (!plan.ReadsParameters)
        {
            c.Append("    (void)p;\n");
        }

        if (!plan.ReadsVariables)
        {
            c.Append("    (void)v;\n");
        }

        for (int k = 0; k < plan.Temporaries.Count; k++)
        {
            c.Append("    const real t").Append(k.ToString(CultureInfo.InvariantCulture)).Append(" = ")
                .Append(Print(plan.Temporaries[k])).Append(";\n");
        }
    }

    private static string Print(Node node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static int Precedence(Node node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Additive,
        BinaryNode { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => Multiplicative,
        NegateNode or NumberNode => Unary,
        _ => Atom,
    };

    private static void Write(StringBuilder text, Node node)
    {
        switch (node)
        {
            case NumberNode n:
                text.Append(FormatLiteral(n.Value));
                break;
            case ParameterNode p:
                text.Append("p[").Append(p.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case VariableNode v:
                text.Append("v[").Append(v.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case TemporaryNode t:
                text.Append('t').Append(t.Index.ToString(CultureInfo.InvariantCulture));
                break;
            case NegateNode neg:
            {
                // "- -x" must not become the decrement "--x".
                string operand = Print(neg.Operand);
                bool parenthesise = Precedence(neg.Operand) < Unary || operand.StartsWith('-');
                text.Append('-').Append(parenthesise ? "(" + operand + ")" : operand);
                break;
            }

            case BinaryNode b:
                WriteBinary(text, b);
                break;
            case CallNode { Function: ModelFunction.Sign } sign:
            {
                string u = Print(sign.Children[0]);
                text.Append('(').Append(u).Append(" > (real)0.0 ? (real)1.0 : (").Append(u)
                    .Append(" < (real)0.0 ? (real)-1.0 : ").Append(u).Append("))");
                break;
            }

            case CallNode call:
                text.Append(ModelFunctions.Info(call.Function).CName).Append('(');
                for (int k = 0; k < call.Children.Count; k++)
                {
                    if (k > 0)
                    {
                        text.Append(", ");
                    }

                    Write(text, call.Children[k]);
                }

                text.Append(')');
                break;
            case ConditionalNode cond:
                text.Append('(');
                Write(text, cond.Left);
                text.Append(cond.Comparison == Comparison.LessOrEqual ? " <= " : " >= ");
                Write(text, cond.Right);
                text.Append(" ? ");
                Write(text, cond.WhenTrue);
                text.Append(" : ");
                Write(text, cond.WhenFalse);
                text.Append(')');
                break;
            default:
                throw new InvalidOperationException($"cannot emit a {node.GetType().Name}");
        }
    }

    private static void WriteBinary(StringBuilder text, BinaryNode b)
    {
        if (b.IsPowerOfOne)
        {
            Write(text, b.Left);
            return;
        }

        int k = b.SmallIntegerExponent;
        if (k > 0)
        {
            // The plan makes the base a leaf or a temporary; C's * is left-associative.
            string u = Print(b.Left);
            text.Append('(').Append(u);
            for (int r = 1; r < k; r++)
            {
                text.Append('*').Append(u);
            }

            text.Append(')');
            return;
        }

        if (b.Operator == BinaryOperator.Power)
        {
            text.Append("pow(");
            Write(text, b.Left);
            text.Append(", ");
            Write(text, b.Right);
            text.Append(')');
            return;
        }

        int precedence = Precedence(b);
        WriteOperand(text, b.Left, Precedence(b.Left) < precedence);
        text.Append(b.Operator switch
        {
            BinaryOperator.Add => " + ",
            BinaryOperator.Subtract => " - ",
            BinaryOperator.Multiply => "*",
            _ => "/",
        });
        WriteOperand(text, b.Right, Precedence(b.Right) <= precedence);
    }

    private static void WriteOperand(StringBuilder text, Node operand, bool parenthesise)
    {
        if (parenthesise)
        {
            text.Append('(');
        }

        Write(text, operand);
        if (parenthesise)
        {
            text.Append(')');
        }
    }
}

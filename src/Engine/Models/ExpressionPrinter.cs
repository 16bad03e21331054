using System.Globalization;
using System.Text;

namespace GpuLm.Models;

/// <summary>
/// Writes an expression tree in the model grammar, with exactly the parentheses needed for
/// the text to parse back to the same tree.
/// </summary>
/// <remarks>
/// Binary <c>+</c> and <c>-</c> are set off by spaces, <c>*</c>, <c>/</c> and <c>^</c> are
/// not; powers print as <c>u^v</c> whether written <c>**</c> or <c>pow(u, v)</c>; literals
/// print in the shortest form that reads back to the same double. Parentheses are kept
/// wherever the tree differs from the default association, <c>a - (b - c)</c> and
/// <c>a*(b*c)</c> included, since regrouping would change the values. Derivatives may hold
/// two forms outside the grammar: <c>sign(u)</c> and <c>(u &lt;= v ? a : b)</c>.
/// </remarks>
internal static class ExpressionPrinter
{
    private const int Additive = 1;
    private const int Multiplicative = 2;
    private const int Unary = 3;
    private const int Power = 4;
    private const int Atom = 5;

    /// <summary>Returns the text of <paramref name="node"/>.</summary>
    /// <param name="node">The tree.</param>
    public static string Print(Node node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>Formats a literal so that it reads back as the same double.</summary>
    /// <param name="value">A finite value.</param>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int Precedence(Node node) => node switch
    {
        BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Additive,
        BinaryNode { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => Multiplicative,
        BinaryNode => Power,
        NegateNode => Unary,
        NumberNode n when double.IsNegative(n.Value) => Unary,
        _ => Atom,
    };

    private static void Write(StringBuilder text, Node node)
    {
        switch (node)
        {
            case NumberNode n:
                text.Append(FormatNumber(n.Value));
                break;
            case ParameterNode p:
                text.Append(p.Name);
                break;
            case VariableNode v:
                text.Append(v.Name);
                break;
            case SymbolNode s:
                text.Append(s.Name);
                break;
            case TemporaryNode t:
                text.Append('t').Append(t.Index.ToString(CultureInfo.InvariantCulture));
                break;
            case NegateNode neg:
                text.Append('-');
                WriteOperand(text, neg.Operand, Precedence(neg.Operand) <= Unary);
                break;
            case BinaryNode b:
                WriteBinary(text, b);
                break;
            case CallNode call:
                text.Append(ModelFunctions.Info(call.Function).Name).Append('(');
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
            case ConditionalNode c:
                text.Append('(');
                Write(text, c.Left);
                text.Append(c.Comparison == Comparison.LessOrEqual ? " <= " : " >= ");
                Write(text, c.Right);
                text.Append(" ? ");
                Write(text, c.WhenTrue);
                text.Append(" : ");
                Write(text, c.WhenFalse);
                text.Append(')');
                break;
            default:
                throw new InvalidOperationException($"cannot print a {node.GetType().Name}");
        }
    }

    private static void WriteBinary(StringBuilder text, BinaryNode b)
    {
        int precedence = Precedence(b);
        if (b.Operator == BinaryOperator.Power)
        {
            // Right-associative, and its right operand is a unary expression.
            WriteOperand(text, b.Left, Precedence(b.Left) <= Power);
            text.Append('^');
            WriteOperand(text, b.Right, Precedence(b.Right) < Unary);
            return;
        }

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

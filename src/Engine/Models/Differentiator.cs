namespace GpuLm.Models;

/// <summary>
/// Symbolic partial derivatives of a model's value with respect to its parameters.
/// </summary>
/// <remarks>
/// The rules are the textbook ones, built with <see cref="Algebra"/> so the result comes
/// out simplified, and reusing the value's own subtrees (<c>exp(u)</c>, <c>tan(u)</c>,
/// <c>u^v</c>, ...) so that an evaluation plan computes them once for value and
/// derivatives alike:
/// <list type="bullet">
/// <item><c>(u/v)' = u'/v - u·v'/v^2</c>; <c>(u^v)' = v·u^(v-1)·u'</c> when v does not depend on
/// the parameter, <c>u^v·(v'·log(u) + v·u'/u)</c> otherwise;</item>
/// <item><c>sqrt' = u'/(2·sqrt(u))</c>, <c>tan' = (1 + tan(u)^2)·u'</c>,
/// <c>atan' = u'/(1 + u^2)</c>, <c>atan2(y, x)' = (x·y' - y·x')/(x^2 + y^2)</c>,
/// <c>tanh' = (1 - tanh(u)^2)·u'</c>, <c>erf' = 2/√π·exp(-u^2)·u'</c>, <c>erfc' = -erf'</c>;</item>
/// <item>piecewise: <c>abs' = sign(u)·u'</c> (0 at u = ±0), <c>min(u, v)' = (u &lt;= v ? u' : v')</c>,
/// <c>max(u, v)' = (u &gt;= v ? u' : v')</c> (ties take u', NaN takes v').</item>
/// </list>
/// </remarks>
internal static class Differentiator
{
    private static readonly NumberNode Two = new(2.0);
    private static readonly NumberNode TwoOverSqrtPi = new(2.0 / Math.Sqrt(Math.PI));

    /// <summary>Returns ∂<paramref name="node"/>/∂p_<paramref name="parameter"/>.</summary>
    /// <param name="node">A bound expression tree (no <see cref="SymbolNode"/> or <see cref="TemporaryNode"/>).</param>
    /// <param name="parameter">The parameter's index.</param>
    public static Node Derive(Node node, int parameter)
    {
        switch (node)
        {
            case NumberNode or VariableNode:
                return NumberNode.Zero;
            case ParameterNode p:
                return p.Index == parameter ? NumberNode.One : NumberNode.Zero;
            case NegateNode neg:
                return Algebra.Negate(Derive(neg.Operand, parameter));
            case BinaryNode b:
                return DeriveBinary(b, parameter);
            case CallNode call:
                return DeriveCall(call, parameter);
            default:
                throw new InvalidOperationException($"cannot differentiate a {node.GetType().Name}");
        }
    }

    private static Node DeriveBinary(BinaryNode b, int parameter)
    {
        Node u = b.Left;
        Node v = b.Right;
        Node du = Derive(u, parameter);
        Node dv = Derive(v, parameter);
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                return Algebra.Add(du, dv);
            case BinaryOperator.Subtract:
                return Algebra.Subtract(du, dv);
            case BinaryOperator.Multiply:
                return Algebra.Add(Algebra.Multiply(du, v), Algebra.Multiply(u, dv));
            case BinaryOperator.Divide:
                return Algebra.Subtract(
                    Algebra.Divide(du, v),
                    Algebra.Divide(Algebra.Multiply(u, dv), Algebra.Power(v, Two)));
            default:
                if (Algebra.IsZero(dv))
                {
                    if (Algebra.IsZero(du))
                    {
                        return NumberNode.Zero;
                    }

                    Node exponentLessOne = v is NumberNode k
                        ? new NumberNode(k.Value - 1.0)
                        : Algebra.Subtract(v, NumberNode.One);
                    return Algebra.Multiply(Algebra.Multiply(v, Algebra.Power(u, exponentLessOne)), du);
                }

                return Algebra.Multiply(
                    b,
                    Algebra.Add(
                        Algebra.Multiply(dv, Algebra.Call(ModelFunction.Log, u)),
                        Algebra.Divide(Algebra.Multiply(v, du), u)));
        }
    }

    private static Node DeriveCall(CallNode call, int parameter)
    {
        Node u = call.Children[0];
        Node du = Derive(u, parameter);
        if (call.Children.Count == 2)
        {
            Node v = call.Children[1];
            Node dv = Derive(v, parameter);
            if (Algebra.IsZero(du) && Algebra.IsZero(dv))
            {
                return NumberNode.Zero;
            }

            return call.Function switch
            {
                // atan2(y, x): u = y, v = x.
                ModelFunction.Atan2 => Algebra.Divide(
                    Algebra.Subtract(Algebra.Multiply(v, du), Algebra.Multiply(u, dv)),
                    Algebra.Add(Algebra.Power(v, Two), Algebra.Power(u, Two))),
                ModelFunction.Min => Algebra.Conditional(Comparison.LessOrEqual, u, v, du, dv),
                ModelFunction.Max => Algebra.Conditional(Comparison.GreaterOrEqual, u, v, du, dv),
                _ => throw new InvalidOperationException($"cannot differentiate {call.Function}"),
            };
        }

        if (Algebra.IsZero(du))
        {
            return NumberNode.Zero;
        }

        Node outer = call.Function switch
        {
            ModelFunction.Exp => call,
            ModelFunction.Log => Algebra.Divide(NumberNode.One, u),
            ModelFunction.Sqrt => Algebra.Divide(NumberNode.One, Algebra.Multiply(Two, call)),
            ModelFunction.Sin => Algebra.Call(ModelFunction.Cos, u),
            ModelFunction.Cos => Algebra.Negate(Algebra.Call(ModelFunction.Sin, u)),
            ModelFunction.Tan => Algebra.Add(NumberNode.One, Algebra.Power(call, Two)),
            ModelFunction.Atan => Algebra.Divide(NumberNode.One, Algebra.Add(NumberNode.One, Algebra.Power(u, Two))),
            ModelFunction.Sinh => Algebra.Call(ModelFunction.Cosh, u),
            ModelFunction.Cosh => Algebra.Call(ModelFunction.Sinh, u),
            ModelFunction.Tanh => Algebra.Subtract(NumberNode.One, Algebra.Power(call, Two)),
            ModelFunction.Abs => new CallNode(ModelFunction.Sign, u),
            ModelFunction.Erf => ErfSlope(u),
            ModelFunction.Erfc => Algebra.Negate(ErfSlope(u)),
            ModelFunction.Sign => NumberNode.Zero,
            _ => throw new InvalidOperationException($"cannot differentiate {call.Function}"),
        };

        // f(u)' = f'(u)·u', written u'/g(u) where f'(u) = 1/g(u).
        return outer is BinaryNode { Operator: BinaryOperator.Divide, Left: NumberNode { Value: 1.0 } } reciprocal
            ? Algebra.Divide(du, reciprocal.Right)
            : Algebra.Multiply(outer, du);
    }

    private static Node ErfSlope(Node u) =>
        Algebra.Multiply(TwoOverSqrtPi, Algebra.Call(ModelFunction.Exp, Algebra.Negate(Algebra.Power(u, Two))));
}

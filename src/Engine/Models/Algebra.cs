namespace GpuLm.Models;

/// <summary>
/// Node constructors that simplify as they build, for derivatives only.
/// </summary>
/// <remarks>
/// Values are never built through these: they keep the tree as written. Derivatives may
/// be rearranged, so these fold constants (only where the result is finite), drop
/// <c>0</c> terms and <c>1</c> factors, take <c>0·u</c> as 0 even where u is not finite (the
/// symbolic derivative is 0), pull minus signs outward (<c>(-u)·v → -(u·v)</c>,
/// <c>-(-u) → u</c>, <c>u - (-v) → u + v</c>), move literal factors to the front and merge
/// them (<c>c·(d·u) → (c·d)·u</c>). They look only at the node being built and its direct
/// operands, so the subtrees of the value a derivative reuses stay intact and can be
/// shared with it.
/// </remarks>
internal static class Algebra
{
    /// <summary>Whether <paramref name="node"/> is the literal 0 (either sign).</summary>
    /// <param name="node">A node.</param>
    public static bool IsZero(Node node) => node is NumberNode { Value: 0.0 };

    /// <summary>Returns a simplified <c>u + v</c>.</summary>
    /// <param name="u">The left operand.</param>
    /// <param name="v">The right operand.</param>
    public static Node Add(Node u, Node v)
    {
        if (TryFold(u, v, static (a, b) => a + b, out Node? folded))
        {
            return folded;
        }

        if (IsZero(u))
        {
            return v;
        }

        if (IsZero(v))
        {
            return u;
        }

        if (v is NegateNode nv)
        {
            return Subtract(u, nv.Operand);
        }

        if (u is NegateNode nu)
        {
            return Subtract(v, nu.Operand);
        }

        return new BinaryNode(BinaryOperator.Add, u, v);
    }

    /// <summary>Returns a simplified <c>u - v</c>.</summary>
    /// <param name="u">The left operand.</param>
    /// <param name="v">The right operand.</param>
    public static Node Subtract(Node u, Node v)
    {
        if (TryFold(u, v, static (a, b) => a - b, out Node? folded))
        {
            return folded;
        }

        if (IsZero(v))
        {
            return u;
        }

        if (IsZero(u))
        {
            return Negate(v);
        }

        if (v is NegateNode nv)
        {
            return Add(u, nv.Operand);
        }

        return new BinaryNode(BinaryOperator.Subtract, u, v);
    }

    /// <summary>Returns a simplified <c>u * v</c>.</summary>
    /// <param name="u">The left operand.</param>
    /// <param name="v">The right operand.</param>
    public static Node Multiply(Node u, Node v)
    {
        if (TryFold(u, v, static (a, b) => a * b, out Node? folded))
        {
            return folded;
        }

        if (IsZero(u) || IsZero(v))
        {
            return NumberNode.Zero;
        }

        if (u is NumberNode { Value: 1.0 })
        {
            return v;
        }

        if (v is NumberNode { Value: 1.0 })
        {
            return u;
        }

        if (u is NumberNode { Value: -1.0 })
        {
            return Negate(v);
        }

        if (v is NumberNode { Value: -1.0 })
        {
            return Negate(u);
        }

        if (u is NegateNode nu)
        {
            return Negate(Multiply(nu.Operand, v));
        }

        if (v is NegateNode nv)
        {
            return Negate(Multiply(u, nv.Operand));
        }

        if (v is NumberNode)
        {
            return Multiply(v, u);
        }

        if (u is NumberNode c && v is BinaryNode { Operator: BinaryOperator.Multiply, Left: NumberNode d } inner
            && double.IsFinite(c.Value * d.Value))
        {
            return Multiply(new NumberNode(c.Value * d.Value), inner.Right);
        }

        return new BinaryNode(BinaryOperator.Multiply, u, v);
    }

    /// <summary>Returns a simplified <c>u / v</c>.</summary>
    /// <param name="u">The dividend.</param>
    /// <param name="v">The divisor.</param>
    public static Node Divide(Node u, Node v)
    {
        if (!IsZero(v) && TryFold(u, v, static (a, b) => a / b, out Node? folded))
        {
            return folded;
        }

        if (IsZero(u))
        {
            return NumberNode.Zero;
        }

        if (v is NumberNode { Value: 1.0 })
        {
            return u;
        }

        if (v is NumberNode { Value: -1.0 })
        {
            return Negate(u);
        }

        if (u is NegateNode nu)
        {
            return Negate(Divide(nu.Operand, v));
        }

        if (v is NegateNode nv)
        {
            return Negate(Divide(u, nv.Operand));
        }

        return new BinaryNode(BinaryOperator.Divide, u, v);
    }

    /// <summary>Returns a simplified <c>-u</c>.</summary>
    /// <param name="u">The operand.</param>
    public static Node Negate(Node u) => u switch
    {
        NumberNode n => new NumberNode(-n.Value),
        NegateNode inner => inner.Operand,
        BinaryNode { Operator: BinaryOperator.Multiply, Left: NumberNode c } product =>
            Multiply(new NumberNode(-c.Value), product.Right),
        _ => new NegateNode(u),
    };

    /// <summary>Returns a simplified <c>u ^ v</c>.</summary>
    /// <param name="u">The base.</param>
    /// <param name="v">The exponent.</param>
    public static Node Power(Node u, Node v)
    {
        if (v is NumberNode { Value: 1.0 })
        {
            return u;
        }

        if (IsZero(v))
        {
            return NumberNode.One;
        }

        if (TryFold(u, v, Math.Pow, out Node? folded))
        {
            return folded;
        }

        return new BinaryNode(BinaryOperator.Power, u, v);
    }

    /// <summary>Returns <c>function(u)</c>, folded when <paramref name="u"/> is a literal.</summary>
    /// <param name="function">A one-argument function.</param>
    /// <param name="u">The argument.</param>
    public static Node Call(ModelFunction function, Node u)
    {
        if (u is NumberNode n)
        {
            double value = ModelFunctions.Evaluate(function, n.Value, 0.0);
            if (double.IsFinite(value))
            {
                return new NumberNode(value);
            }
        }

        return new CallNode(function, u);
    }

    /// <summary>Returns <c>(left cmp right ? whenTrue : whenFalse)</c>, or the common branch
    /// when both are the same.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="left">The left side of the comparison.</param>
    /// <param name="right">The right side of the comparison.</param>
    /// <param name="whenTrue">The value when the comparison holds.</param>
    /// <param name="whenFalse">The value otherwise.</param>
    public static Node Conditional(Comparison comparison, Node left, Node right, Node whenTrue, Node whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : new ConditionalNode(comparison, left, right, whenTrue, whenFalse);

    private static bool TryFold(Node u, Node v, Func<double, double, double> operation, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Node? folded)
    {
        if (u is NumberNode a && v is NumberNode b)
        {
            double value = operation(a.Value, b.Value);
            if (double.IsFinite(value))
            {
                folded = new NumberNode(value);
                return true;
            }
        }

        folded = null;
        return false;
    }
}

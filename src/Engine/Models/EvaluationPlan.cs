namespace GpuLm.Models;

/// <summary>
/// Straight-line code for one point: temporaries for the subexpressions used more than
/// once, then the outputs; what both code generators (CPU and C) translate.
/// </summary>
/// <remarks>
/// Structurally equal subtrees are one node. A subtree (other than a leaf) that is used
/// twice or more becomes a temporary, computed once, before its first use; one used once
/// stays inline. A power with the exponent 2, 3 or 4 counts as that many uses of its base,
/// and <c>sign(u)</c> as three of u, because the generated code names them that many times.
/// Sharing does not change any value: every operation is pure and each is still applied
/// to the same operands, in the same association, as written.
/// </remarks>
internal sealed class EvaluationPlan
{
    private EvaluationPlan(IReadOnlyList<Node> temporaries, IReadOnlyList<Node> outputs)
    {
        Temporaries = temporaries;
        Outputs = outputs;
    }

    /// <summary>The expression of each temporary, in evaluation order; they refer to earlier
    /// temporaries through <see cref="TemporaryNode"/>.</summary>
    public IReadOnlyList<Node> Temporaries { get; }

    /// <summary>The expression of each output, in terms of the temporaries.</summary>
    public IReadOnlyList<Node> Outputs { get; }

    /// <summary>Plans the evaluation of <paramref name="roots"/> at one point.</summary>
    /// <param name="roots">The outputs: a model's value, or its derivatives.</param>
    public static EvaluationPlan Create(IReadOnlyList<Node> roots)
    {
        var uses = new Dictionary<Node, int>();
        foreach (Node root in roots)
        {
            CountUse(root, 1, uses);
        }

        var temporaries = new List<Node>();
        var temporaryOf = new Dictionary<Node, TemporaryNode>();
        var outputs = new Node[roots.Count];
        for (int k = 0; k < roots.Count; k++)
        {
            outputs[k] = Lower(roots[k], uses, temporaries, temporaryOf);
        }

        return new EvaluationPlan(temporaries, outputs);
    }

    /// <summary>Whether any output or temporary reads a parameter.</summary>
    public bool ReadsParameters => Any(n => n is ParameterNode);

    /// <summary>Whether any output or temporary reads a variable.</summary>
    public bool ReadsVariables => Any(n => n is VariableNode);

    /// <summary>Whether any output or temporary calls <paramref name="function"/>.</summary>
    /// <param name="function">The function.</param>
    public bool Calls(ModelFunction function) => Any(n => n is CallNode c && c.Function == function);

    private bool Any(Func<Node, bool> predicate)
    {
        foreach (Node node in Temporaries.Concat(Outputs))
        {
            if (Contains(node, predicate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(Node node, Func<Node, bool> predicate)
    {
        if (predicate(node))
        {
            return true;
        }

        foreach (Node child in node.Children)
        {
            if (Contains(child, predicate))
            {
                return true;
            }
        }

        return false;
    }

    private static void CountUse(Node node, int times, Dictionary<Node, int> uses)
    {
        if (node.IsLeaf)
        {
            return;
        }

        bool seen = uses.TryGetValue(node, out int count);
        uses[node] = count + times;
        if (seen)
        {
            return;
        }

        if (node is BinaryNode power && (power.SmallIntegerExponent > 0 || power.IsPowerOfOne))
        {
            CountUse(power.Left, Math.Max(power.SmallIntegerExponent, 1), uses);
            return;
        }

        if (node is CallNode { Function: ModelFunction.Sign } sign)
        {
            CountUse(sign.Children[0], 3, uses);
            return;
        }

        foreach (Node child in node.Children)
        {
            CountUse(child, 1, uses);
        }
    }

    private static Node Lower(Node node, Dictionary<Node, int> uses, List<Node> temporaries, Dictionary<Node, TemporaryNode> temporaryOf)
    {
        if (node.IsLeaf)
        {
            return node;
        }

        if (temporaryOf.TryGetValue(node, out TemporaryNode? existing))
        {
            return existing;
        }

        var children = new Node[node.Children.Count];
        for (int k = 0; k < children.Length; k++)
        {
            children[k] = Lower(node.Children[k], uses, temporaries, temporaryOf);
        }

        Node lowered = node.WithChildren(children);
        if (uses[node] < 2)
        {
            return lowered;
        }

        var temporary = new TemporaryNode(temporaries.Count);
        temporaries.Add(lowered);
        temporaryOf.Add(node, temporary);
        return temporary;
    }
}

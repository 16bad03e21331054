namespace GpuLm.Models;

/// <summary>
/// A node of a model's expression tree: the one representation the parser builds, the
/// printer writes, the differentiator transforms and both code generators (CPU and C) read.
/// </summary>
/// <remarks>
/// Nodes are immutable and compare structurally (numbers by their bits, so <c>0</c> and
/// <c>-0</c> differ), with the hash computed once at construction; common-subexpression
/// sharing relies on this equality.
/// </remarks>
internal abstract class Node : IEquatable<Node>
{
    private readonly Node[] children;
    private readonly int hash;

    /// <summary>Initialises a node from its own data's hash and its children.</summary>
    /// <param name="payloadHash">A hash of the node's own data (value, index, operator).</param>
    /// <param name="children">The operands, in the order they are written.</param>
    protected Node(int payloadHash, params Node[] children)
    {
        this.children = children;
        var h = new HashCode();
        h.Add(GetType());
        h.Add(payloadHash);
        int depth = 0;
        foreach (Node child in children)
        {
            h.Add(child.hash);
            depth = Math.Max(depth, child.Depth);
        }

        hash = h.ToHashCode();
        Depth = depth + 1;
    }

    /// <summary>The height of the tree under this node (1 for a leaf); the recursive passes
    /// over trees are bounded by it.</summary>
    public int Depth { get; }

    /// <summary>The operands, in the order they are written.</summary>
    public IReadOnlyList<Node> Children => children;

    /// <summary>Whether the node is a number, a parameter, a variable or a temporary.</summary>
    public bool IsLeaf => children.Length == 0;

    /// <summary>Returns a node like this one with other operands.</summary>
    /// <param name="newChildren">As many operands as <see cref="Children"/> has.</param>
    public abstract Node WithChildren(Node[] newChildren);

    /// <inheritdoc/>
    public bool Equals(Node? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.hash != hash || other.GetType() != GetType()
            || other.children.Length != children.Length || !PayloadEquals(other))
        {
            return false;
        }

        for (int k = 0; k < children.Length; k++)
        {
            if (!children[k].Equals(other.children[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => Equals(obj as Node);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => hash;

    /// <inheritdoc/>
    public sealed override string ToString() => ExpressionPrinter.Print(this);

    /// <summary>Compares the node's own data (not its children) with a node of the same type.</summary>
    /// <param name="other">A node of this node's type.</param>
    protected abstract bool PayloadEquals(Node other);
}

/// <summary>A numeric literal (also a bound constant, <c>pi</c> or <c>e</c>).</summary>
internal sealed class NumberNode : Node
{
    /// <summary>The literal 0.</summary>
    public static readonly NumberNode Zero = new(0.0);

    /// <summary>The literal 1.</summary>
    public static readonly NumberNode One = new(1.0);

    /// <summary>Initialises a literal.</summary>
    /// <param name="value">Its value.</param>
    public NumberNode(double value)
        : base(BitConverter.DoubleToInt64Bits(value).GetHashCode())
    {
        Value = value;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>Whether the value is exactly 2, 3 or 4: such an exponent is evaluated by
    /// repeated multiplication.</summary>
    public bool IsSmallIntegerExponent => Value is 2.0 or 3.0 or 4.0;

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => this;

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) =>
        BitConverter.DoubleToInt64Bits(((NumberNode)other).Value) == BitConverter.DoubleToInt64Bits(Value);
}

/// <summary>A fitted parameter, <c>p[Index]</c>.</summary>
internal sealed class ParameterNode : Node
{
    /// <summary>Initialises a reference to a parameter.</summary>
    /// <param name="index">Its position in the model's parameter list.</param>
    /// <param name="name">Its name, for printing.</param>
    public ParameterNode(int index, string name)
        : base(index)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The position in the model's parameter list.</summary>
    public int Index { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => this;

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((ParameterNode)other).Index == Index;
}

/// <summary>An independent variable, <c>v[Index]</c> of the current point.</summary>
internal sealed class VariableNode : Node
{
    /// <summary>Initialises a reference to a variable.</summary>
    /// <param name="index">Its position in the model's variable list.</param>
    /// <param name="name">Its name, for printing.</param>
    public VariableNode(int index, string name)
        : base(index)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The position in the model's variable list.</summary>
    public int Index { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => this;

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((VariableNode)other).Index == Index;
}

/// <summary>A name not yet bound to a parameter or a variable (the parser's output only).</summary>
internal sealed class SymbolNode : Node
{
    /// <summary>Initialises an unbound name.</summary>
    /// <param name="name">The name.</param>
    public SymbolNode(string name)
        : base(StringComparer.Ordinal.GetHashCode(name))
    {
        Name = name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => this;

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((SymbolNode)other).Name == Name;
}

/// <summary>A shared subexpression computed once per point (an evaluation plan's output only).</summary>
internal sealed class TemporaryNode : Node
{
    /// <summary>Initialises a reference to a temporary.</summary>
    /// <param name="index">Its position in the plan's list of temporaries.</param>
    public TemporaryNode(int index)
        : base(index)
    {
        Index = index;
    }

    /// <summary>The position in the plan's list of temporaries.</summary>
    public int Index { get; }

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => this;

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((TemporaryNode)other).Index == Index;
}

/// <summary>Unary minus.</summary>
internal sealed class NegateNode : Node
{
    /// <summary>Initialises <c>-operand</c>.</summary>
    /// <param name="operand">The negated expression.</param>
    public NegateNode(Node operand)
        : base(0, operand)
    {
    }

    /// <summary>The negated expression.</summary>
    public Node Operand => Children[0];

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => new NegateNode(newChildren[0]);

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => true;
}

/// <summary>The binary operations; <see cref="Power"/> is also <c>pow(u, v)</c>.</summary>
internal enum BinaryOperator
{
    /// <summary><c>u + v</c>.</summary>
    Add,

    /// <summary><c>u - v</c>.</summary>
    Subtract,

    /// <summary><c>u * v</c>.</summary>
    Multiply,

    /// <summary><c>u / v</c>.</summary>
    Divide,

    /// <summary><c>u ^ v</c>, <c>u ** v</c>, <c>pow(u, v)</c>.</summary>
    Power,
}

/// <summary>A binary operation.</summary>
internal sealed class BinaryNode : Node
{
    /// <summary>Initialises <c>left op right</c>.</summary>
    /// <param name="op">The operation.</param>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public BinaryNode(BinaryOperator op, Node left, Node right)
        : base((int)op, left, right)
    {
        Operator = op;
    }

    /// <summary>The operation.</summary>
    public BinaryOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public Node Left => Children[0];

    /// <summary>The right operand.</summary>
    public Node Right => Children[1];

    /// <summary>The exponent when this is a power whose exponent is the literal 2, 3 or 4
    /// (evaluated by repeated multiplication); otherwise 0.</summary>
    public int SmallIntegerExponent =>
        Operator == BinaryOperator.Power && Right is NumberNode { IsSmallIntegerExponent: true } k ? (int)k.Value : 0;

    /// <summary>Whether this is a power whose exponent is the literal 1 (evaluated as the base).</summary>
    public bool IsPowerOfOne => Operator == BinaryOperator.Power && Right is NumberNode { Value: 1.0 };

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => new BinaryNode(Operator, newChildren[0], newChildren[1]);

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((BinaryNode)other).Operator == Operator;
}

/// <summary>A function call.</summary>
internal sealed class CallNode : Node
{
    /// <summary>Initialises <c>function(arguments)</c>.</summary>
    /// <param name="function">The function.</param>
    /// <param name="arguments">As many arguments as the function takes.</param>
    public CallNode(ModelFunction function, params Node[] arguments)
        : base((int)function, arguments)
    {
        Function = function;
    }

    /// <summary>The function.</summary>
    public ModelFunction Function { get; }

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) => new CallNode(Function, newChildren);

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((CallNode)other).Function == Function;
}

/// <summary>The comparisons a <see cref="ConditionalNode"/> makes.</summary>
internal enum Comparison
{
    /// <summary><c>u &lt;= v</c>.</summary>
    LessOrEqual,

    /// <summary><c>u &gt;= v</c>.</summary>
    GreaterOrEqual,
}

/// <summary>
/// <c>(left cmp right ? whenTrue : whenFalse)</c>: the derivative of <c>min</c> and
/// <c>max</c> (derivatives only; the grammar has no conditional).
/// </summary>
internal sealed class ConditionalNode : Node
{
    /// <summary>Initialises a conditional.</summary>
    /// <param name="comparison">The comparison of <paramref name="left"/> with <paramref name="right"/>.</param>
    /// <param name="left">The left side of the comparison.</param>
    /// <param name="right">The right side of the comparison.</param>
    /// <param name="whenTrue">The value when the comparison holds.</param>
    /// <param name="whenFalse">The value otherwise (also when either side is NaN).</param>
    public ConditionalNode(Comparison comparison, Node left, Node right, Node whenTrue, Node whenFalse)
        : base((int)comparison, left, right, whenTrue, whenFalse)
    {
        Comparison = comparison;
    }

    /// <summary>The comparison.</summary>
    public Comparison Comparison { get; }

    /// <summary>The left side of the comparison.</summary>
    public Node Left => Children[0];

    /// <summary>The right side of the comparison.</summary>
    public Node Right => Children[1];

    /// <summary>The value when the comparison holds.</summary>
    public Node WhenTrue => Children[2];

    /// <summary>The value otherwise.</summary>
    public Node WhenFalse => Children[3];

    /// <inheritdoc/>
    public override Node WithChildren(Node[] newChildren) =>
        new ConditionalNode(Comparison, newChildren[0], newChildren[1], newChildren[2], newChildren[3]);

    /// <inheritdoc/>
    protected override bool PayloadEquals(Node other) => ((ConditionalNode)other).Comparison == Comparison;
}

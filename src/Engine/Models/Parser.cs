namespace GpuLm.Models;

/// <summary>
/// A recursive-descent parser from model text to an expression tree whose names are still
/// unbound (<see cref="SymbolNode"/>); <see cref="Model.Parse"/> binds them.
/// </summary>
/// <remarks>
/// The grammar, loosest binding first:
/// <code>
/// expression := term (('+' | '-') term)*           left-associative
/// term       := unary (('*' | '/') unary)*          left-associative
/// unary      := ('-' | '+') unary | power
/// power      := primary (('^' | '**') unary)?      right-associative, tighter than unary minus
/// primary    := number | name | name '(' expression (',' expression)* ')' | '(' expression ')'
/// </code>
/// So <c>-x^2</c> is <c>-(x^2)</c>, <c>2^-1</c> is allowed, and <c>a^b^c</c> is <c>a^(b^c)</c>.
/// A unary minus applied directly to a literal yields a negative literal (negation is
/// exact, so no value changes); that is what lets a printed negative literal parse back to
/// the same tree. <c>pow(u, v)</c> is the same node as <c>u^v</c>; <c>pi</c>, <c>e</c> and
/// the bound constants become literals.
/// </remarks>
internal sealed class Parser
{
    /// <summary>The deepest tree the parser accepts; deeper ones would strain the recursive
    /// passes (printing, differentiation, compilation).</summary>
    public const int MaxDepth = 400;

    private readonly string expression;
    private readonly List<Token> tokens;
    private readonly IReadOnlyDictionary<string, double> constants;
    private readonly List<Token> names = [];
    private int position;
    private int nesting;

    private Parser(string expression, IReadOnlyDictionary<string, double> constants)
    {
        this.expression = expression;
        this.constants = constants;
        tokens = Lexer.Tokenize(expression);
    }

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <param name="expression">The text; not blank.</param>
    /// <param name="constants">Names to replace by literals (validated by the caller).</param>
    /// <param name="names">Receives the first occurrence of each free name, in order of appearance.</param>
    /// <returns>The tree, with free names as <see cref="SymbolNode"/>s.</returns>
    /// <exception cref="ModelException">The text is not a well-formed expression.</exception>
    public static Node Parse(string expression, IReadOnlyDictionary<string, double> constants, out IReadOnlyList<Token> names)
    {
        var parser = new Parser(expression, constants);
        Node root = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected(parser.Current);
        }

        names = parser.names;
        return root;
    }

    private Token Current => tokens[position];

    private Token Next() => tokens[position++];

    private Node ParseExpression()
    {
        Node left = ParseTerm();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            Token op = Next();
            Node right = ParseTerm();
            left = Checked(new BinaryNode(op.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract, left, right), op);
        }

        return left;
    }

    private Node ParseTerm()
    {
        Node left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            Token op = Next();
            Node right = ParseUnary();
            left = Checked(new BinaryNode(op.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide, left, right), op);
        }

        return left;
    }

    // Every nesting (parentheses, arguments, signs, exponents) passes through here, so the
    // recursion is bounded here before any tree is built.
    private Node ParseUnary()
    {
        Token token = Current;
        if (++nesting > MaxDepth)
        {
            throw Error($"expression nested too deeply (more than {MaxDepth} levels)", token);
        }

        Node result;
        if (token.Kind == TokenKind.Plus)
        {
            Next();
            result = ParseUnary();
        }
        else if (token.Kind == TokenKind.Minus)
        {
            Next();
            Node operand = ParseUnary();
            result = operand is NumberNode literal ? new NumberNode(-literal.Value) : Checked(new NegateNode(operand), token);
        }
        else
        {
            result = ParsePower();
        }

        nesting--;
        return result;
    }

    private Node ParsePower()
    {
        Node left = ParsePrimary();
        if (Current.Kind == TokenKind.Power)
        {
            Token op = Next();
            Node right = ParseUnary();
            return Checked(new BinaryNode(BinaryOperator.Power, left, right), op);
        }

        return left;
    }

    private Node ParsePrimary()
    {
        Token token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Value);
            case TokenKind.LeftParen:
            {
                Node inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            }

            case TokenKind.Name:
                return Current.Kind == TokenKind.LeftParen ? ParseCall(token) : ParseName(token);
            default:
                throw Unexpected(token);
        }
    }

    private Node ParseName(Token token)
    {
        string name = token.Text;
        if (ModelFunctions.IsFunctionName(name))
        {
            throw Error($"expected '(' after function '{name}'", Current);
        }

        if (constants.TryGetValue(name, out double value))
        {
            return new NumberNode(value);
        }

        switch (name)
        {
            case "pi":
                return new NumberNode(Math.PI);
            case "e":
                return new NumberNode(Math.E);
        }

        if (!names.Exists(t => t.Text == name))
        {
            names.Add(token);
        }

        return new SymbolNode(name);
    }

    private Node ParseCall(Token nameToken)
    {
        string name = nameToken.Text;
        bool isPow = name == ModelFunctions.PowName;
        FunctionInfo? info = null;
        if (!isPow)
        {
            if (!ModelFunctions.TryParse(name, out FunctionInfo found))
            {
                throw new ModelException(
                    $"unknown function '{name}' at column {nameToken.Column} in \"{expression}\" (known functions: {ModelFunctions.KnownNames})",
                    "expression", nameToken.Column, name);
            }

            info = found;
        }

        int arity = isPow ? 2 : info!.Arity;
        Next();
        var arguments = new List<Node>();
        while (true)
        {
            arguments.Add(ParseExpression());
            if (Current.Kind == TokenKind.Comma)
            {
                Next();
                continue;
            }

            Expect(TokenKind.RightParen, arguments.Count < arity ? "',' or ')'" : "')'");
            break;
        }

        if (arguments.Count != arity)
        {
            string expected = arity == 1 ? "1 argument" : $"{arity} arguments";
            throw new ModelException(
                $"function '{name}' takes {expected} but was given {arguments.Count} at column {nameToken.Column} in \"{expression}\"",
                "expression", nameToken.Column, name);
        }

        Node call = isPow
            ? new BinaryNode(BinaryOperator.Power, arguments[0], arguments[1])
            : new CallNode(info!.Function, [.. arguments]);
        return Checked(call, nameToken);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {what}", Current);
        }

        Next();
    }

    private Node Checked(Node node, Token at)
    {
        if (node.Depth > MaxDepth)
        {
            throw Error($"expression nested too deeply (more than {MaxDepth} levels)", at);
        }

        return node;
    }

    private ModelException Unexpected(Token token) =>
        token.Kind == TokenKind.End
            ? Error("unexpected end of expression", token)
            : Error($"unexpected token '{token.Text}'", token);

    private ModelException Error(string what, Token at) =>
        new($"{what} at column {at.Column} in \"{expression}\"", "expression", at.Column,
            at.Kind == TokenKind.End ? null : at.Text);
}

using System.Collections.ObjectModel;
using System.Globalization;

namespace GpuLm.Models;

/// <summary>
/// A model function <c>f(p; v)</c> written once as an expression, such as
/// <c>a*exp(-t/tau) + c</c>: the source of its compiled CPU evaluator, its analytic
/// Jacobian (by symbolic differentiation) and its C device code.
/// </summary>
/// <remarks>
/// <para>One tree feeds all three. Values are evaluated exactly as written: the tree as
/// parsed, left to right, with no simplification or regrouping, so another implementation
/// of the same expression can be reproduced bit for bit. Derivatives are simplified and
/// may be rearranged; subexpressions they share with the value are computed once.</para>
/// <para>Power rule: <c>u^k</c> (also <c>u**k</c>, <c>pow(u, k)</c>) whose exponent is a
/// literal (or a bound constant) equal to 2, 3 or 4 is evaluated as repeated
/// multiplication from the left, <c>u*u</c>, <c>(u*u)*u</c>, <c>((u*u)*u)*u</c>; <c>u^1</c> is
/// u; every other exponent calls <see cref="Math.Pow"/> (C <c>pow</c>).</para>
/// <para>Functions map to <see cref="Math"/>: <c>exp log sqrt sin cos tan atan atan2 sinh
/// cosh tanh abs min max</c> (C <c>exp</c> ... <c>fabs</c>), <c>atan2(y, x)</c> with y
/// first. <c>min</c>/<c>max</c> are <see cref="Math.Min(double, double)"/> and
/// <see cref="Math.Max(double, double)"/>: a NaN operand gives NaN and −0 is less than +0.
/// <c>erf</c>/<c>erfc</c> use fdlibm's approximations, as C libraries do (within 0.83 and
/// 1.6 ulps; a C libm's may differ from them by a few ulps).</para>
/// <para>Derivatives of the piecewise functions: <c>abs(u)' = sign(u)·u'</c> with sign 0 at
/// ±0; <c>min(u, v)' = (u &lt;= v ? u' : v')</c> and <c>max(u, v)' = (u &gt;= v ? u' : v')</c>,
/// so ties take u' and a NaN operand takes v' (the value is NaN then anyway).</para>
/// </remarks>
public sealed class Model
{
    private static readonly string[] DefaultVariableNames = ["t", "x", "y", "z"];

    private readonly Node[] derivatives;
    private readonly string canonical;
    private readonly Lazy<CompiledModel> compiled;

    private Model(string expression, string[] parameters, string[] variables, Node root)
    {
        Expression = expression;
        Parameters = new ReadOnlyCollection<string>(parameters);
        Variables = new ReadOnlyCollection<string>(variables);
        Root = root;
        derivatives = new Node[parameters.Length];
        for (int j = 0; j < parameters.Length; j++)
        {
            derivatives[j] = Differentiator.Derive(root, j);
        }

        ValuePlan = EvaluationPlan.Create([root]);
        JacobianPlan = EvaluationPlan.Create(derivatives);
        canonical = ExpressionPrinter.Print(root);
        compiled = new Lazy<CompiledModel>(() => new CompiledModel(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The expression as given to <see cref="Parse"/>.</summary>
    public string Expression { get; }

    /// <summary>The parameter names; parameter j is <c>p[j]</c> and column j of the Jacobian.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The independent variable names; variable k is component k of each point.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>n, the number of parameters (at least 1).</summary>
    public int ParameterCount => Parameters.Count;

    /// <summary>d, the number of independent variables (1 to 3).</summary>
    public int VariableCount => Variables.Count;

    /// <summary>The value's tree, as parsed.</summary>
    internal Node Root { get; }

    /// <summary>The plan of the value at one point.</summary>
    internal EvaluationPlan ValuePlan { get; }

    /// <summary>The plan of the n derivatives at one point.</summary>
    internal EvaluationPlan JacobianPlan { get; }

    /// <summary>Parses a model expression.</summary>
    /// <remarks>
    /// <para>Grammar: numbers (<c>123</c>, <c>1.5</c>, <c>.5</c>, <c>1e-3</c>, <c>2.5E+4</c>);
    /// names <c>[A-Za-z_][A-Za-z0-9_]*</c>; <c>+ - * /</c> (left-associative, usual
    /// precedence); <c>^</c> and <c>**</c> (power, right-associative, binding tighter than
    /// unary minus: <c>-x^2</c> is <c>-(x^2)</c>); unary minus and plus; parentheses; the
    /// functions <c>exp log sqrt pow sin cos tan atan atan2 sinh cosh tanh abs erf erfc min
    /// max</c> (<c>pow</c>, <c>atan2</c>, <c>min</c>, <c>max</c> take two arguments, the others
    /// one); the constants <c>pi</c> and <c>e</c>. Function names, <c>pi</c> and <c>e</c> are
    /// reserved: no parameter, variable or bound constant may take them.</para>
    /// <para>Variables, when <paramref name="variables"/> is null: <c>["t"]</c> if <c>t</c>
    /// appears (and then none of x, y, z may appear: name the variables explicitly);
    /// otherwise those of <c>x</c>, <c>y</c>, <c>z</c> that appear, in that order. Names listed
    /// in <paramref name="parameters"/> are never taken as variables. One to three
    /// variables.</para>
    /// <para>Parameters, when <paramref name="parameters"/> is null: every other free name, in
    /// order of first appearance. When given, a name that is neither a parameter, a variable
    /// nor a constant is an error.</para>
    /// <para>Every parameter and variable must appear in the expression: a parameter that does
    /// not would have an identically zero Jacobian column, so every fit would be
    /// rank-deficient, and a variable that does not makes every point alike, which is almost
    /// certainly a misspelling.</para>
    /// <para>Constants are bound at parse time: they become literals in the tree (and in
    /// <see cref="ToString"/>), must be finite, and may not share a name with a parameter, a
    /// variable, a function, <c>pi</c> or <c>e</c>; ones that do not appear are ignored.</para>
    /// </remarks>
    /// <param name="expression">The model, e.g. <c>a*exp(-t/tau) + c</c>.</param>
    /// <param name="parameters">The fitted parameters in order; null to take them from the expression.</param>
    /// <param name="variables">The independent variables in order (one to three); null for
    /// the default above.</param>
    /// <param name="constants">Names to replace by fixed values; null for none.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="expression"/> is null.</exception>
    /// <exception cref="ModelException">The expression is malformed (the message gives the
    /// column and the token), or the names are: a duplicate, invalid or reserved name, a
    /// name listed as both parameter and variable, an unknown name, a parameter or variable
    /// that does not appear, no parameter, no variable or more than three, ambiguous default
    /// variables, or a constant that clashes or is not finite.</exception>
    public static Model Parse(
        string expression, IReadOnlyList<string>? parameters = null,
        IReadOnlyList<string>? variables = null, IReadOnlyDictionary<string, double>? constants = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ValidateNames(parameters, "parameter", nameof(parameters));
        ValidateNames(variables, "variable", nameof(variables));
        if (parameters is not null && variables is not null)
        {
            foreach (string name in parameters)
            {
                if (variables.Contains(name))
                {
                    throw new ModelException($"'{name}' is listed both as a parameter and as a variable", nameof(parameters), 0, name);
                }
            }
        }

        constants ??= new Dictionary<string, double>();
        ValidateConstants(constants, parameters, variables);
        if (variables is not null && (variables.Count < 1 || variables.Count > 3))
        {
            throw new ModelException(
                $"a model has one to three variables; {variables.Count} were given", nameof(variables), 0, null);
        }

        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ModelException("the expression is empty", nameof(expression), 0, null);
        }

        Node tree = Parser.Parse(expression, constants, out IReadOnlyList<Token> names);
        string[] variableNames = variables?.ToArray() ?? DefaultVariables(expression, names, parameters);
        string[] parameterNames = parameters?.ToArray() ?? [.. names.Select(t => t.Text).Where(n => !variableNames.Contains(n))];

        foreach (Token name in names)
        {
            if (!parameterNames.Contains(name.Text) && !variableNames.Contains(name.Text))
            {
                throw new ModelException(
                    $"unknown name '{name.Text}' at column {name.Column} in \"{expression}\"", nameof(expression), name.Column, name.Text);
            }
        }

        RequireAppearance(expression, names, parameterNames, "parameter", nameof(parameters));
        RequireAppearance(expression, names, variableNames, "variable", nameof(variables));
        if (parameterNames.Length == 0)
        {
            throw new ModelException(
                $"no parameters in \"{expression}\": a model needs at least one", nameof(parameters), 0, null);
        }

        Node root = Bind(tree, parameterNames, variableNames);
        return new Model(expression, parameterNames, variableNames, root);
    }

    /// <summary>Returns the position of a parameter, or −1.</summary>
    /// <param name="name">The parameter's name.</param>
    public int IndexOfParameter(string name)
    {
        for (int j = 0; j < Parameters.Count; j++)
        {
            if (Parameters[j] == name)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Returns the canonical text of the model: fully determined by the tree, with
    /// only the parentheses the tree needs, so that <c>Parse(model.ToString())</c> (with the
    /// same parameters and variables) gives the same tree and the same values.</summary>
    /// <remarks>Bound constants, <c>pi</c> and <c>e</c> appear as their values; powers as
    /// <c>u^v</c>.</remarks>
    public override string ToString() => canonical;

    /// <summary>Returns the simplified partial derivative ∂f/∂p_j as text.</summary>
    /// <remarks>In the model grammar, plus <c>sign(u)</c> (1, −1, or u itself at ±0 and NaN)
    /// and <c>(u &lt;= v ? a : b)</c> for the pieces of <c>abs</c>, <c>min</c> and <c>max</c>.</remarks>
    /// <param name="parameter">j, from 0 to n − 1.</param>
    /// <returns>For example <c>exp(-t/tau)</c> for ∂/∂a of <c>a*exp(-t/tau) + c</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameter"/> is not a parameter index.</exception>
    public string DerivativeText(int parameter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameter, ParameterCount);
        return ExpressionPrinter.Print(derivatives[parameter]);
    }

    /// <summary>Returns the compiled CPU evaluator of the values and the Jacobian.</summary>
    /// <remarks>Compiled on the first call (a few milliseconds) and cached; safe to call
    /// from any number of threads, which all get the same instance.</remarks>
    public CompiledModel Compile() => compiled.Value;

    private static bool IsReserved(string name) =>
        ModelFunctions.IsFunctionName(name) || name == "pi" || name == "e";

    private static void ValidateNames(IReadOnlyList<string>? names, string kind, string paramName)
    {
        if (names is null)
        {
            return;
        }

        for (int k = 0; k < names.Count; k++)
        {
            string? name = names[k];
            if (name is null || !Lexer.IsName(name))
            {
                throw new ModelException(
                    $"{kind} name '{name}' is not a valid name (letters, digits and '_', not starting with a digit)",
                    paramName, 0, name);
            }

            if (IsReserved(name))
            {
                throw new ModelException(
                    $"{kind} name '{name}' is reserved (a function or the constant pi or e)", paramName, 0, name);
            }

            for (int q = 0; q < k; q++)
            {
                if (names[q] == name)
                {
                    throw new ModelException($"{kind} '{name}' is listed twice", paramName, 0, name);
                }
            }
        }
    }

    private static void ValidateConstants(
        IReadOnlyDictionary<string, double> constants, IReadOnlyList<string>? parameters, IReadOnlyList<string>? variables)
    {
        foreach ((string name, double value) in constants)
        {
            if (name is null || !Lexer.IsName(name))
            {
                throw new ModelException(
                    $"constant name '{name}' is not a valid name (letters, digits and '_', not starting with a digit)",
                    nameof(constants), 0, name);
            }

            if (IsReserved(name))
            {
                throw new ModelException(
                    $"constant name '{name}' is reserved (a function or the constant pi or e)", nameof(constants), 0, name);
            }

            if (parameters is not null && parameters.Contains(name))
            {
                throw new ModelException($"constant '{name}' is also listed as a parameter", nameof(constants), 0, name);
            }

            if (variables is not null && variables.Contains(name))
            {
                throw new ModelException($"constant '{name}' is also listed as a variable", nameof(constants), 0, name);
            }

            if (!double.IsFinite(value))
            {
                throw new ModelException($"constant '{name}' must be finite; it is {value.ToString(CultureInfo.InvariantCulture)}", nameof(constants), 0, name);
            }
        }
    }

    private static string[] DefaultVariables(string expression, IReadOnlyList<Token> names, IReadOnlyList<string>? parameters)
    {
        bool Free(string name) => names.Any(t => t.Text == name) && (parameters is null || !parameters.Contains(name));

        string[] present = [.. DefaultVariableNames.Where(Free)];
        if (present.Length == 0)
        {
            throw new ModelException(
                $"no variable in \"{expression}\": use t, or x, y, z, or name the variables explicitly", "variables", 0, null);
        }

        if (present[0] == "t" && present.Length > 1)
        {
            throw new ModelException(
                $"both 't' and '{present[1]}' appear in \"{expression}\": name the variables explicitly", "variables", 0, present[1]);
        }

        return present;
    }

    private static void RequireAppearance(
        string expression, IReadOnlyList<Token> names, string[] listed, string kind, string paramName)
    {
        foreach (string name in listed)
        {
            if (!names.Any(t => t.Text == name))
            {
                throw new ModelException($"{kind} '{name}' does not appear in \"{expression}\"", paramName, 0, name);
            }
        }
    }

    private static Node Bind(Node node, string[] parameters, string[] variables)
    {
        if (node is SymbolNode symbol)
        {
            int j = Array.IndexOf(parameters, symbol.Name);
            return j >= 0 ? new ParameterNode(j, symbol.Name) : new VariableNode(Array.IndexOf(variables, symbol.Name), symbol.Name);
        }

        if (node.IsLeaf)
        {
            return node;
        }

        var children = new Node[node.Children.Count];
        for (int k = 0; k < children.Length; k++)
        {
            children[k] = Bind(node.Children[k], parameters, variables);
        }

        return node.WithChildren(children);
    }
}

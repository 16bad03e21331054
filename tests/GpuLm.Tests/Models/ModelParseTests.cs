using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Models;

/// <summary>
/// <see cref="Model.Parse"/>: the grammar, the default parameters and variables, and every
/// error with its exact message.
/// </summary>
public sealed class ModelParseTests
{
    [Theory]
    [InlineData("a*exp(-t/tau", "expected ')' at column 13 in \"a*exp(-t/tau\"", 13, null)]
    [InlineData("(a*t", "expected ')' at column 5 in \"(a*t\"", 5, null)]
    [InlineData("(a*t b)", "expected ')' at column 6 in \"(a*t b)\"", 6, "b")]
    [InlineData("a**", "unexpected end of expression at column 4 in \"a**\"", 4, null)]
    [InlineData("a*t + ", "unexpected end of expression at column 7 in \"a*t + \"", 7, null)]
    [InlineData("a***t", "unexpected token '*' at column 4 in \"a***t\"", 4, "*")]
    [InlineData("a*/t", "unexpected token '/' at column 3 in \"a*/t\"", 3, "/")]
    [InlineData("a*t)", "unexpected token ')' at column 4 in \"a*t)\"", 4, ")")]
    [InlineData("a t", "unexpected token 't' at column 3 in \"a t\"", 3, "t")]
    [InlineData("()", "unexpected token ')' at column 2 in \"()\"", 2, ")")]
    [InlineData("exp()", "unexpected token ')' at column 5 in \"exp()\"", 5, ")")]
    [InlineData("max(a, t,)", "unexpected token ')' at column 10 in \"max(a, t,)\"", 10, ")")]
    [InlineData("a*t, b", "unexpected token ',' at column 4 in \"a*t, b\"", 4, ",")]
    [InlineData("foo(t)", "unknown function 'foo' at column 1 in \"foo(t)\" (known functions: exp, log, sqrt, pow, sin, cos, tan, atan, atan2, sinh, cosh, tanh, abs, erf, erfc, min, max)", 1, "foo")]
    [InlineData("a*t(2)", "unknown function 't' at column 3 in \"a*t(2)\" (known functions: exp, log, sqrt, pow, sin, cos, tan, atan, atan2, sinh, cosh, tanh, abs, erf, erfc, min, max)", 3, "t")]
    [InlineData("pow(t)", "function 'pow' takes 2 arguments but was given 1 at column 1 in \"pow(t)\"", 1, "pow")]
    [InlineData("a*exp(t, a)", "function 'exp' takes 1 argument but was given 2 at column 3 in \"a*exp(t, a)\"", 3, "exp")]
    [InlineData("a*min(t, a, a)", "function 'min' takes 2 arguments but was given 3 at column 3 in \"a*min(t, a, a)\"", 3, "min")]
    [InlineData("pow(a", "expected ',' or ')' at column 6 in \"pow(a\"", 6, null)]
    [InlineData("exp(a t)", "expected ')' at column 7 in \"exp(a t)\"", 7, "t")]
    [InlineData("exp + a*t", "expected '(' after function 'exp' at column 5 in \"exp + a*t\"", 5, "+")]
    [InlineData("1.2.3*a*t", "malformed number '1.2.3' at column 1 in \"1.2.3*a*t\"", 1, "1.2.3")]
    [InlineData("a*t + 2x", "malformed number '2x' at column 7 in \"a*t + 2x\"", 7, "2x")]
    [InlineData("a*t + 1e", "malformed number '1e' at column 7 in \"a*t + 1e\"", 7, "1e")]
    [InlineData("a*t + 1e+", "malformed number '1e+' at column 7 in \"a*t + 1e+\"", 7, "1e+")]
    [InlineData("a*t + .", "malformed number '.' at column 7 in \"a*t + .\"", 7, ".")]
    [InlineData("a*t + 1e999", "number '1e999' is too large for a double at column 7 in \"a*t + 1e999\"", 7, "1e999")]
    [InlineData("a*t # 2", "unexpected character '#' at column 5 in \"a*t # 2\"", 5, "#")]
    [InlineData("a*t + b", "unknown name 'b' at column 7 in \"a*t + b\"", 7, "b")]
    public void Parse_SyntaxError_ThrowsWithExactMessageColumnAndToken(string expression, string message, int column, string? token)
    {
        ModelException error = Assert.Throws<ModelException>(
            () => Model.Parse(expression, parameters: expression == "a*t + b" ? ["a"] : null));

        Assert.Equal(message, error.Message);
        Assert.Equal(column, error.Column);
        Assert.Equal(token, error.Token);
        Assert.Equal("expression", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyExpression_Throws(string expression)
    {
        ModelException error = Assert.Throws<ModelException>(() => Model.Parse(expression));

        Assert.Equal("the expression is empty", error.Message);
        Assert.Equal(0, error.Column);
    }

    [Fact]
    public void Parse_NullExpression_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Model.Parse(null!));
    }

    [Fact]
    public void Parse_NestedTooDeeply_Throws()
    {
        string expression = new string('(', 500) + "a*t" + new string(')', 500);

        ModelException error = Assert.Throws<ModelException>(() => Model.Parse(expression));

        Assert.StartsWith("expression nested too deeply (more than 400 levels) at column 401 in \"((((", error.Message);
    }

    [Fact]
    public void Parse_UnknownNameWithBothListsGiven_Throws()
    {
        ModelException error = Assert.Throws<ModelException>(() => Model.Parse("a*x + b", ["a"], ["x"]));

        Assert.Equal("unknown name 'b' at column 7 in \"a*x + b\"", error.Message);
    }

    public static TheoryData<string, string[]?, string[]?, Dictionary<string, double>?, string, string> NameErrors => new()
    {
        { "a*exp(-t/tau)", ["a", "tau", "c"], null, null, "parameter 'c' does not appear in \"a*exp(-t/tau)\"", "parameters" },
        { "a*t", ["a"], ["t", "x"], null, "variable 'x' does not appear in \"a*t\"", "variables" },
        { "a*t", ["a", "a"], null, null, "parameter 'a' is listed twice", "parameters" },
        { "a*t", ["a"], ["t", "t"], null, "variable 't' is listed twice", "variables" },
        { "a*t", ["a", "t"], ["t"], null, "'t' is listed both as a parameter and as a variable", "parameters" },
        { "e*t", ["e"], null, null, "parameter name 'e' is reserved (a function or the constant pi or e)", "parameters" },
        { "a*t", ["a"], ["exp"], null, "variable name 'exp' is reserved (a function or the constant pi or e)", "variables" },
        { "a*t", ["1a"], null, null, "parameter name '1a' is not a valid name (letters, digits and '_', not starting with a digit)", "parameters" },
        { "a*t", ["a b"], null, null, "parameter name 'a b' is not a valid name (letters, digits and '_', not starting with a digit)", "parameters" },
        { "a*t", ["a"], null, new() { ["a"] = 1.0 }, "constant 'a' is also listed as a parameter", "constants" },
        { "a*t", null, ["t"], new() { ["t"] = 1.0 }, "constant 't' is also listed as a variable", "constants" },
        { "a*t", null, null, new() { ["exp"] = 1.0 }, "constant name 'exp' is reserved (a function or the constant pi or e)", "constants" },
        { "a*t", null, null, new() { ["pi"] = 3.0 }, "constant name 'pi' is reserved (a function or the constant pi or e)", "constants" },
        { "a*t", null, null, new() { ["k"] = double.NaN }, "constant 'k' must be finite; it is NaN", "constants" },
        { "a*t", null, null, new() { ["k"] = double.PositiveInfinity }, "constant 'k' must be finite; it is Infinity", "constants" },
        { "2*t", null, null, null, "no parameters in \"2*t\": a model needs at least one", "parameters" },
        { "2*t", [], null, null, "no parameters in \"2*t\": a model needs at least one", "parameters" },
        { "a*t", null, ["t", "x", "y", "z"], null, "a model has one to three variables; 4 were given", "variables" },
        { "a*t", null, [], null, "a model has one to three variables; 0 were given", "variables" },
        { "a*t + x", null, null, null, "both 't' and 'x' appear in \"a*t + x\": name the variables explicitly", "variables" },
        { "a*b", null, null, null, "no variable in \"a*b\": use t, or x, y, z, or name the variables explicitly", "variables" },
    };

    [Theory]
    [MemberData(nameof(NameErrors))]
    public void Parse_BadNames_ThrowsWithExactMessage(
        string expression, string[]? parameters, string[]? variables, Dictionary<string, double>? constants,
        string message, string paramName)
    {
        ModelException error = Assert.Throws<ModelException>(() => Model.Parse(expression, parameters, variables, constants));

        Assert.Equal(message, error.Message);
        Assert.Equal(paramName, error.ParamName);
        Assert.Equal(0, error.Column);
    }

    [Fact]
    public void ModelException_IsArgumentExceptionWithoutParameterSuffix()
    {
        ArgumentException error = Assert.Throws<ModelException>(() => Model.Parse("a*exp(-t/tau"));

        Assert.DoesNotContain("Parameter", error.Message, StringComparison.Ordinal);
        Assert.Equal("expression", error.ParamName);
    }

    [Fact]
    public void Parse_Defaults_ParametersInOrderOfAppearanceVariableT()
    {
        Model model = Model.Parse("a*exp(-t/tau) + c");

        Assert.Equal("a*exp(-t/tau) + c", model.Expression);
        Assert.Equal(["a", "tau", "c"], model.Parameters);
        Assert.Equal(["t"], model.Variables);
        Assert.Equal(3, model.ParameterCount);
        Assert.Equal(1, model.VariableCount);
    }

    [Fact]
    public void Parse_DefaultsWithoutT_TakesXYZInThatOrder()
    {
        Model model = Model.Parse("a*z + b*x + c*y*x");

        Assert.Equal(["x", "y", "z"], model.Variables);
        Assert.Equal(["a", "b", "c"], model.Parameters);
    }

    [Fact]
    public void Parse_DefaultVariables_SkipNamesListedAsParameters()
    {
        Model model = Model.Parse("a*exp(-t/x)", parameters: ["x", "a"]);

        Assert.Equal(["t"], model.Variables);
        Assert.Equal(["x", "a"], model.Parameters);
    }

    [Fact]
    public void Parse_VariablesGiven_EveryOtherNameIsAParameter()
    {
        Model model = Model.Parse("amp*sin(w*u + phi)", variables: ["u"]);

        Assert.Equal(["amp", "w", "phi"], model.Parameters);
        Assert.Equal(["u"], model.Variables);
    }

    [Fact]
    public void Parse_Constants_BecomeLiterals()
    {
        Model model = Model.Parse("a*exp(-t/k)", constants: new Dictionary<string, double> { ["k"] = 2.5, ["unused"] = 1.0 });

        Assert.Equal(["a"], model.Parameters);
        Assert.Equal("a*exp(-t/2.5)", model.ToString());
    }

    [Fact]
    public void Parse_NegativeConstant_PrintsAndRoundTrips()
    {
        Model model = Model.Parse("a*t^k + k*a", constants: new Dictionary<string, double> { ["k"] = -2.0 });

        Assert.Equal("a*t^-2 + -2*a", model.ToString());
        Assert.Equal(model.ToString(), Model.Parse(model.ToString(), ["a"], ["t"]).ToString());
    }

    [Fact]
    public void Parse_PiAndE_AreMathConstants()
    {
        Model model = Model.Parse("a*sin(2*pi*t) + e");

        Assert.Equal("a*sin(2*3.141592653589793*t) + 2.718281828459045", model.ToString());
        Assert.Equal(["a"], model.Parameters);
    }

    [Theory]
    [InlineData("123*a*t", "123*a*t")]
    [InlineData("1.5*a*t", "1.5*a*t")]
    [InlineData(".5*a*t", "0.5*a*t")]
    [InlineData("5.*a*t", "5*a*t")]
    [InlineData("1e-3*a*t", "0.001*a*t")]
    [InlineData("2.5E+4*a*t", "25000*a*t")]
    [InlineData("1.e2*a*t", "100*a*t")]
    [InlineData("1e-7*a*t", "1E-07*a*t")]
    [InlineData("a_1*t + _b2*t", "a_1*t + _b2*t")]
    public void Parse_Numbers_ReadAsDoubles(string expression, string canonical)
    {
        Assert.Equal(canonical, Model.Parse(expression).ToString());
    }

    [Fact]
    public void IndexOfParameter_KnownAndUnknown()
    {
        Model model = Model.Parse("a*exp(-t/tau) + c");

        Assert.Equal(1, model.IndexOfParameter("tau"));
        Assert.Equal(-1, model.IndexOfParameter("t"));
    }
}

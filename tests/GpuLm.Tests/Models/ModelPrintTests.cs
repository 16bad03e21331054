using System.Globalization;
using System.Text;
using GpuLm.Models;
using Xunit;
using static GpuLm.Tests.Models.ModelTestSupport;

namespace GpuLm.Tests.Models;

/// <summary>
/// <see cref="Model.ToString"/>: the canonical text, and the round trip
/// parse → print → parse giving the same tree, the same text and the same values.
/// </summary>
public sealed class ModelPrintTests
{
    [Theory]
    [InlineData("a*exp(-t/tau)+c", "a*exp(-t/tau) + c")]
    [InlineData("a*(b*t)", "a*(b*t)")]
    [InlineData("(a*b)*t", "a*b*t")]
    [InlineData("a-(b-t)", "a - (b - t)")]
    [InlineData("(a-b)-t", "a - b - t")]
    [InlineData("a+(b+t)", "a + (b + t)")]
    [InlineData("a/(b/t)", "a/(b/t)")]
    [InlineData("a/(b*t)", "a/(b*t)")]
    [InlineData("(a+b)*t", "(a + b)*t")]
    [InlineData("-a*t^2", "-a*t^2")]
    [InlineData("-(a*t)^2", "-(a*t)^2")]
    [InlineData("(-a)^2*t", "(-a)^2*t")]
    [InlineData("a^(b^t)", "a^b^t")]
    [InlineData("(a^b)^t", "(a^b)^t")]
    [InlineData("a**2*t", "a^2*t")]
    [InlineData("pow(a, t)", "a^t")]
    [InlineData("pow(a + t, 2)", "(a + t)^2")]
    [InlineData("a*-t", "a*-t")]
    [InlineData("a - -t", "a - -t")]
    [InlineData("-(a*t)", "-(a*t)")]
    [InlineData("- -a*t", "-(-a)*t")]
    [InlineData("+a*+t", "a*t")]
    [InlineData("a*t^-2", "a*t^-2")]
    [InlineData("a*(-2)^t", "a*(-2)^t")]
    [InlineData("a*-2^t", "a*-2^t")]
    [InlineData("a*2^-t", "a*2^-t")]
    [InlineData("a*-0*t", "a*-0*t")]
    [InlineData("a*t*(2)", "a*t*2")]
    [InlineData("atan2(a,t)+min(a,t)", "atan2(a, t) + min(a, t)")]
    [InlineData("exp(-(t-a)^2/(2*b^2))", "exp(-(t - a)^2/(2*b^2))")]
    public void ToString_Expression_CanonicalText(string expression, string canonical)
    {
        Model model = Model.Parse(expression);

        Assert.Equal(canonical, model.ToString());
        Assert.Equal(expression, model.Expression);
    }

    [Theory]
    [InlineData("-a*t^2")]
    [InlineData("(-a)^2*t")]
    [InlineData("a*-2^t")]
    [InlineData("a*(-2)^t")]
    [InlineData("- -a*t")]
    [InlineData("a - (b - t)")]
    [InlineData("a*(b*t)")]
    [InlineData("a^b^t")]
    [InlineData("(a^b)^t")]
    [InlineData("a/b/t + a/(b/t)")]
    [InlineData("a*exp(-t/tau) + c")]
    [InlineData("abs(a - t)^3 + sqrt(b)*erf(t) - erfc(a)/tanh(b)")]
    [InlineData("a*1.0000000000000002*t + 0.1*b - 1E+300*t/1E+300")]
    public void Parse_PrintedText_SameTreeTextAndValues(string expression)
    {
        AssertRoundTrip(Model.Parse(expression), new Random(7));
    }

    [Fact]
    public void Parse_PrintedRandomExpressions_SameTreeTextAndValues()
    {
        var rng = new Random(314159);
        for (int k = 0; k < 400; k++)
        {
            string expression = RandomExpression(rng, 4) + " + a*t";
            AssertRoundTrip(Model.Parse(expression, variables: ["t"]), rng);
        }
    }

    private static void AssertRoundTrip(Model model, Random rng)
    {
        string printed = model.ToString();
        Model again = Model.Parse(printed, model.Parameters, model.Variables);

        Assert.Equal(printed, again.ToString());
        Assert.True(model.Root.Equals(again.Root), $"tree of \"{printed}\" differs from that of \"{model.Expression}\"");
        Assert.Equal(model.Parameters, Model.Parse(printed, variables: model.Variables).Parameters);
        CompiledModel first = model.Compile();
        CompiledModel second = again.Compile();
        const int m = 16;
        double[] p = Uniform(rng, model.ParameterCount, -2.0, 2.0);
        double[] t = Uniform(rng, m, -3.0, 3.0);
        var f1 = new double[m];
        var f2 = new double[m];
        first.Values(p, t, 0, m, f1);
        second.Values(p, t, 0, m, f2);
        for (int i = 0; i < m; i++)
        {
            AssertBitwise(f1[i], f2[i], $"\"{model.Expression}\" vs \"{printed}\" at t = {t[i]:R}");
        }
    }

    // Text in the grammar, with random spacing, redundant parentheses, both power
    // spellings, signs and literals of every form.
    private static string RandomExpression(Random rng, int depth)
    {
        if (depth == 0 || rng.Next(4) == 0)
        {
            return rng.Next(7) switch
            {
                0 => "a",
                1 => "b",
                2 => "c",
                3 => "t",
                4 => rng.Next(2, 5).ToString(CultureInfo.InvariantCulture),
                5 => (rng.NextDouble() * 10.0).ToString("R", CultureInfo.InvariantCulture),
                _ => new[] { ".5", "1e-3", "2.5E+4", "3.", "0.1", "pi", "e" }[rng.Next(7)],
            };
        }

        string u = RandomExpression(rng, depth - 1);
        string v = RandomExpression(rng, depth - 1);
        var text = new StringBuilder();
        switch (rng.Next(12))
        {
            case 0: text.Append(u).Append(" + ").Append(v); break;
            case 1: text.Append(u).Append(" - ").Append(v); break;
            case 2: text.Append(u).Append('*').Append(v); break;
            case 3: text.Append(u).Append('/').Append(v); break;
            case 4: text.Append('(').Append(u).Append(")^").Append(rng.Next(1, 6)); break;
            case 5: text.Append('(').Append(u).Append(")**(").Append(v).Append(')'); break;
            case 6: text.Append('-').Append(u); break;
            case 7: text.Append('(').Append(u).Append(')'); break;
            case 8:
                string[] unary = ["exp", "log", "sqrt", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "abs", "erf", "erfc"];
                text.Append(unary[rng.Next(unary.Length)]).Append('(').Append(u).Append(')');
                break;
            case 9:
                string[] binary = ["pow", "atan2", "min", "max"];
                text.Append(binary[rng.Next(binary.Length)]).Append('(').Append(u).Append(", ").Append(v).Append(')');
                break;
            case 10: text.Append('(').Append(u).Append(" - ").Append(v).Append(')').Append("*-").Append(u); break;
            default: text.Append(u).Append('^').Append('-').Append(v); break;
        }

        return text.ToString();
    }
}

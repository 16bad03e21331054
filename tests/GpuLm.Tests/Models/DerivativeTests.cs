using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Models;

/// <summary>
/// Symbolic derivatives: against finite differences for every function, their simplified
/// text, the pieces of abs/min/max, and sharing with the value.
/// </summary>
public sealed class DerivativeTests
{
    // Parameters a, b in [0.5, 1.5] and t in [0.5, 2] keep every expression smooth (logs,
    // roots and quotients away from 0, general powers of positive bases) except at the
    // kinks of abs, min and max, which the piecewise ones skip.
    [Theory]
    [InlineData("a*exp(-t/b) + b", false)]
    [InlineData("log(a*t + b) + sqrt(a + b*t)", false)]
    [InlineData("sin(a*t)*cos(b*t) + tan(a*t/3)", false)]
    [InlineData("atan(a*t - b) + atan2(a*t, b) + atan2(b, a - t)", false)]
    [InlineData("sinh(a*t)/cosh(b) + tanh(a - b*t)", false)]
    [InlineData("abs(a*t - b) + abs(b - 2*t)*a", true)]
    [InlineData("erf(a*t - b) + erfc(b*t - a)", false)]
    [InlineData("min(a*t, b) + max(a, b*t)", true)]
    [InlineData("a^t + t^b + pow(a*t, b) + (a + t)^3 + a^2*b^4 + b^-1.5", false)]
    [InlineData("a/(b + t) - a/b/t + (a - b)^2", false)]
    [InlineData("-a^2*exp(-(t - b)^2/(2*a^2))", false)]
    [InlineData("a^b^t - (a*b)^(t*b)", false)]
    public void Jacobian_EveryFunction_MatchesCentralDifferences(string expression, bool piecewise)
    {
        Model model = Model.Parse(expression, ["a", "b"], ["t"]);
        AssertMatchesDifferences(model, new Random(ModelTestSupport.StableSeed(expression)), 0.5, 1.5, 0.5, 2.0, piecewise);
    }

    [Fact]
    public void Jacobian_ThreeVariables_MatchesCentralDifferences()
    {
        Model model = Model.Parse("a*x + b*y^2 + a*b*z + exp(-a*x*y*z)", ["a", "b"], ["x", "y", "z"]);
        AssertMatchesDifferences(model, new Random(17), 0.5, 1.5, -1.0, 1.0, piecewise: false);
    }

    [Theory]
    [InlineData("a*t", 0, "t")]
    [InlineData("a*exp(-t/tau) + c", 0, "exp(-t/tau)")]
    [InlineData("a*exp(-t/tau) + c", 1, "a*(exp(-t/tau)*(t/tau^2))")]
    [InlineData("a*exp(-t/tau) + c", 2, "1")]
    [InlineData("a*t^2 + b", 0, "t^2")]
    [InlineData("a^2*t", 0, "2*a*t")]
    [InlineData("a^3*t", 0, "3*a^2*t")]
    [InlineData("-a*t", 0, "-t")]
    [InlineData("t - a", 0, "-1")]
    [InlineData("t - -a", 0, "1")]
    [InlineData("a*t + a*t^2", 0, "t + t^2")]
    [InlineData("2*(3*(a*t))", 0, "6*t")]
    [InlineData("exp(a*t)", 0, "exp(a*t)*t")]
    [InlineData("log(a*t)", 0, "t/(a*t)")]
    [InlineData("sqrt(a*t)", 0, "t/(2*sqrt(a*t))")]
    [InlineData("sin(a*t)", 0, "cos(a*t)*t")]
    [InlineData("cos(a*t)", 0, "-(sin(a*t)*t)")]
    [InlineData("a/t", 0, "1/t")]
    [InlineData("t/a", 0, "-(t/a^2)")]
    [InlineData("a^t", 0, "t*a^(t - 1)")]
    [InlineData("t^a", 0, "t^a*log(t)")]
    [InlineData("abs(a - t)", 0, "sign(a - t)")]
    [InlineData("min(a, t)", 0, "(a <= t ? 1 : 0)")]
    [InlineData("max(a*t, b)", 0, "(a*t >= b ? t : 0)")]
    [InlineData("max(a*t, b)", 1, "(a*t >= b ? 0 : 1)")]
    [InlineData("erf(a*t)", 0, "1.1283791670955126*exp(-(a*t)^2)*t")]
    [InlineData("erfc(a*t)", 0, "-1.1283791670955126*exp(-(a*t)^2)*t")]
    public void DerivativeText_Expression_SimplifiedForm(string expression, int parameter, string derivative)
    {
        Assert.Equal(derivative, Model.Parse(expression).DerivativeText(parameter));
    }

    [Fact]
    public void DerivativeText_OutOfRange_Throws()
    {
        Model model = Model.Parse("a*t");

        Assert.Throws<ArgumentOutOfRangeException>(() => model.DerivativeText(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.DerivativeText(-1));
    }

    [Fact]
    public void JacobianPlan_Decay_ComputesExponentialOnce()
    {
        Model model = Model.Parse("a*exp(-t/tau) + c");

        Assert.Single(model.JacobianPlan.Temporaries);
        Assert.Equal("exp(-t/tau)", model.JacobianPlan.Temporaries[0].ToString());
        Assert.Equal("t0", model.JacobianPlan.Outputs[0].ToString());
        Assert.Empty(model.ValuePlan.Temporaries);
    }

    [Fact]
    public void Jacobian_AbsAtZeroAndMinMaxTies_TakeDocumentedPieces()
    {
        CompiledModel abs = Model.Parse("abs(a - t)", ["a"], ["t"]).Compile();
        CompiledModel min = Model.Parse("min(a, 2*t)", ["a"], ["t"]).Compile();
        CompiledModel max = Model.Parse("max(a, 2*t)", ["a"], ["t"]).Compile();
        var jac = new double[1];

        abs.Jacobian([1.5], [1.5], 0, 1, jac);
        Assert.Equal(0.0, jac[0]);
        abs.Jacobian([1.5], [2.5], 0, 1, jac);
        Assert.Equal(-1.0, jac[0]);
        min.Jacobian([3.0], [1.5], 0, 1, jac);
        Assert.Equal(1.0, jac[0]);
        min.Jacobian([3.5], [1.5], 0, 1, jac);
        Assert.Equal(0.0, jac[0]);
        max.Jacobian([3.0], [1.5], 0, 1, jac);
        Assert.Equal(1.0, jac[0]);
        max.Jacobian([2.5], [1.5], 0, 1, jac);
        Assert.Equal(0.0, jac[0]);
    }

    private static void AssertMatchesDifferences(
        Model model, Random rng, double pLo, double pHi, double vLo, double vHi, bool piecewise)
    {
        CompiledModel compiled = model.Compile();
        int n = model.ParameterCount;
        int d = model.VariableCount;
        const int m = 25;
        int compared = 0;
        int skipped = 0;
        for (int trial = 0; trial < 4; trial++)
        {
            double[] p = ModelTestSupport.Uniform(rng, n, pLo, pHi);
            double[] vars = ModelTestSupport.Uniform(rng, m * d, vLo, vHi);
            var jac = new double[m * n];
            compiled.Jacobian(p, vars, 0, m, jac);
            for (int j = 0; j < n; j++)
            {
                // The five-point central difference: error O(h^4) + O(eps/h).
                double h = 1e-3 * Math.Max(1.0, Math.Abs(p[j]));
                double[] f2 = Shifted(compiled.Values, p, j, 2 * h, vars, m, m);
                double[] f1 = Shifted(compiled.Values, p, j, h, vars, m, m);
                double[] b1 = Shifted(compiled.Values, p, j, -h, vars, m, m);
                double[] b2 = Shifted(compiled.Values, p, j, -2 * h, vars, m, m);
                double[] jacAhead = Shifted(compiled.Jacobian, p, j, 2 * h, vars, m, m * n);
                double[] jacBehind = Shifted(compiled.Jacobian, p, j, -2 * h, vars, m, m * n);
                for (int i = 0; i < m; i++)
                {
                    double analytic = jac[i + j * m];
                    if (piecewise && Jumps(jacAhead[i + j * m], analytic, jacBehind[i + j * m]))
                    {
                        // A kink lies inside the stencil: differences see neither piece.
                        skipped++;
                        continue;
                    }

                    double numeric = (-f2[i] + 8.0 * f1[i] - 8.0 * b1[i] + b2[i]) / (12.0 * h);
                    double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric)) + 1e-4 * (Math.Abs(f1[i]) + Math.Abs(b1[i]));
                    Assert.True(
                        Math.Abs(analytic - numeric) <= 1e-6 * scale,
                        $"d({model.Expression})/d{model.Parameters[j]} = {analytic:R} at point {i}, differences give {numeric:R}");
                    compared++;
                }
            }
        }

        Assert.True(skipped <= compared / 4, $"{skipped} points skipped as kinks, {compared} compared");
    }

    // Whether a derivative changes by more than its smooth variation across the stencil.
    private static bool Jumps(double ahead, double here, double behind) =>
        Math.Abs(ahead - here) + Math.Abs(here - behind) > 0.05 * (Math.Abs(ahead) + Math.Abs(behind)) + 1e-9;

    private static double[] Shifted(
        Action<double[], double[], int, int, double[]> evaluate, double[] p, int j, double step, double[] vars, int m, int length)
    {
        double[] shifted = (double[])p.Clone();
        shifted[j] += step;
        var output = new double[length];
        evaluate(shifted, vars, 0, m, output);
        return output;
    }
}

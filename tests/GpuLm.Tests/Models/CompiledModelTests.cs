using GpuLm.Models;
using Xunit;
using static GpuLm.Tests.Models.ModelTestSupport;

namespace GpuLm.Tests.Models;

/// <summary>
/// <see cref="CompiledModel"/>: values bit for bit as hand-written C# evaluates the same
/// expression, the Jacobian layout, several variables, thread safety, argument checks and
/// allocation-free calls.
/// </summary>
public sealed class CompiledModelTests
{
    private const int M = 40;

    // Each expression with the C# a reader would write for it: written order, u^2..u^4 as
    // products from the left, other powers through Math.Pow. p = (a, b, c), one variable t.
    public static TheoryData<string, Func<double[], double, double>> HandWritten => new()
    {
        { "a*exp(-t/b) + c", (p, t) => p[0] * Math.Exp(-t / p[1]) + p[2] },
        { "a*t^2 + b*t^3 + c*t^4 + a*t^5 + b*t^1", (p, t) => p[0] * (t * t) + p[1] * (t * t * t) + p[2] * (t * t * t * t) + p[0] * Math.Pow(t, 5) + p[1] * t },
        { "a*pow(t, 2) + b**3*t + c^2.5*t + a^-2*t", (p, t) => p[0] * (t * t) + p[1] * p[1] * p[1] * t + Math.Pow(p[2], 2.5) * t + Math.Pow(p[0], -2) * t },
        { "-a^2*t + -(b*t) + c", (p, t) => -(p[0] * p[0]) * t + -(p[1] * t) + p[2] },
        { "a - b - t + a/b/t + c", (p, t) => p[0] - p[1] - t + p[0] / p[1] / t + p[2] },
        { "a - (b - t) + a/(b/t)*c", (p, t) => p[0] - (p[1] - t) + p[0] / (p[1] / t) * p[2] },
        { "a*(b*(c*t)) + a*b*c*t", (p, t) => p[0] * (p[1] * (p[2] * t)) + p[0] * p[1] * p[2] * t },
        { "(a*t + b)^0.5 + pow(a, 1)*t + a^t + c", (p, t) => Math.Pow(p[0] * t + p[1], 0.5) + p[0] * t + Math.Pow(p[0], t) + p[2] },
        { "a^b^t + c*t", (p, t) => Math.Pow(p[0], Math.Pow(p[1], t)) + p[2] * t },
        { "sin(a*t)*cos(b) + tan(a) - atan(t*b) + atan2(a, t)*c", (p, t) => Math.Sin(p[0] * t) * Math.Cos(p[1]) + Math.Tan(p[0]) - Math.Atan(t * p[1]) + Math.Atan2(p[0], t) * p[2] },
        { "sinh(a*t) - cosh(b) + tanh(t)*c + log(b*t*t) + sqrt(b)", (p, t) => Math.Sinh(p[0] * t) - Math.Cosh(p[1]) + Math.Tanh(t) * p[2] + Math.Log(p[1] * t * t) + Math.Sqrt(p[1]) },
        { "abs(a - t) + min(a, t) + max(b, t)*c", (p, t) => Math.Abs(p[0] - t) + Math.Min(p[0], t) + Math.Max(p[1], t) * p[2] },
        { "erf(a*t) + erfc(b - t)*c", (p, t) => SpecialFunctions.Erf(p[0] * t) + SpecialFunctions.Erfc(p[1] - t) * p[2] },
        { "a*sin(2*pi*t) + e*b + c", (p, t) => p[0] * Math.Sin(2 * Math.PI * t) + Math.E * p[1] + p[2] },
        { "a*2^-t + b*(-2)^t + c*-2^t", (p, t) => p[0] * Math.Pow(2, -t) + p[1] * Math.Pow(-2, t) + p[2] * -Math.Pow(2, t) },
        { "exp(-(t - a)^2/(2*b^2))*c", (p, t) => Math.Exp(-((t - p[0]) * (t - p[0])) / (2 * (p[1] * p[1]))) * p[2] },
    };

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Values_Expression_EqualsHandWrittenBitwise(string expression, Func<double[], double, double> handWritten)
    {
        CompiledModel model = Model.Parse(expression, ["a", "b", "c"], ["t"]).Compile();
        var rng = new Random(StableSeed(expression));
        for (int trial = 0; trial < 5; trial++)
        {
            double[] p = Uniform(rng, 3, 0.2, 2.0);
            double[] t = Uniform(rng, M, -3.0, 3.0);
            var f = new double[M];

            model.Values(p, t, 0, M, f);

            for (int i = 0; i < M; i++)
            {
                AssertBitwise(handWritten(p, t[i]), f[i], $"{expression} at t = {t[i]:R}");
            }
        }
    }

    [Fact]
    public void Jacobian_Decay_ColumnMajorEqualsHandWritten()
    {
        CompiledModel model = Model.Parse("a*exp(-t/tau) + c").Compile();
        double[] p = [2.5, 1.7, -0.3];
        double[] t = Uniform(new Random(3), M, 0.0, 5.0);
        var jac = new double[M * 3];

        model.Jacobian(p, t, 0, M, jac);

        for (int i = 0; i < M; i++)
        {
            // The derivative's simplified form: a*(exp(-t/tau)*(t/tau^2)).
            double e = Math.Exp(-t[i] / p[1]);
            AssertBitwise(e, jac[i], "df/da");
            AssertBitwise(p[0] * (e * (t[i] / (p[1] * p[1]))), jac[i + M], "df/dtau");
            AssertBitwise(1.0, jac[i + 2 * M], "df/dc");
        }
    }

    [Fact]
    public void ValuesJacobian_TwoVariablesWithOffset_ReadInterleavedPoints()
    {
        CompiledModel model = Model.Parse("a*x + b*y^2 + c*x*y").Compile();
        Assert.Equal(["x", "y"], model.Model.Variables);
        var rng = new Random(11);
        double[] p = Uniform(rng, 3, -1.0, 1.0);
        const int offset = 5;
        double[] vars = Uniform(rng, offset + 2 * M, -2.0, 2.0);
        var f = new double[M];
        var jac = new double[3 * M];

        model.Values(p, vars, offset, M, f);
        model.Jacobian(p, vars, offset, M, jac);

        for (int i = 0; i < M; i++)
        {
            double x = vars[offset + 2 * i];
            double y = vars[offset + 2 * i + 1];
            AssertBitwise(p[0] * x + p[1] * (y * y) + p[2] * x * y, f[i], "f");
            AssertBitwise(x, jac[i], "df/da");
            AssertBitwise(y * y, jac[i + M], "df/db");
            AssertBitwise(x * y, jac[i + 2 * M], "df/dc");
        }
    }

    [Fact]
    public void ValuesJacobian_ThreeVariables_ReadInterleavedPoints()
    {
        CompiledModel model = Model.Parse("amp*exp(-((x - x0)^2 + (y - y0)^2)/s) + z*bg").Compile();
        Assert.Equal(["x", "y", "z"], model.Model.Variables);
        Assert.Equal(["amp", "x0", "y0", "s", "bg"], model.Model.Parameters);
        var rng = new Random(12);
        double[] p = [1.5, 0.2, -0.1, 0.8, 0.05];
        double[] vars = Uniform(rng, 3 * M, -1.0, 1.0);
        var f = new double[M];
        var jac = new double[5 * M];

        model.Values(p, vars, 0, M, f);
        model.Jacobian(p, vars, 0, M, jac);

        for (int i = 0; i < M; i++)
        {
            double x = vars[3 * i];
            double y = vars[3 * i + 1];
            double z = vars[3 * i + 2];
            double dx = x - p[1];
            double dy = y - p[2];
            double g = Math.Exp(-(dx * dx + dy * dy) / p[3]);
            AssertBitwise(p[0] * g + z * p[4], f[i], "f");
            Assert.Equal(g, jac[i], 15);
            Assert.Equal(p[0] * g * 2 * dx / p[3], jac[i + M], 14);
            Assert.Equal(p[0] * g * 2 * dy / p[3], jac[i + 2 * M], 14);
            Assert.Equal(p[0] * g * (dx * dx + dy * dy) / (p[3] * p[3]), jac[i + 3 * M], 14);
            AssertBitwise(z, jac[i + 4 * M], "df/dbg");
        }
    }

    [Fact]
    public void Value_OnePoint_EqualsValues()
    {
        CompiledModel model = Model.Parse("a*x + b*sin(y) + c*z").Compile();
        double[] p = [1.25, -0.5, 3.0];
        double[] point = [0.3, 1.1, -2.0];
        var f = new double[1];

        model.Values(p, point, 0, 1, f);

        AssertBitwise(f[0], model.Value(p, point), "Value");
    }

    [Fact]
    public void Compile_Twice_ReturnsSameInstance()
    {
        Model model = Model.Parse("a*t");

        Assert.Same(model.Compile(), model.Compile());
        Assert.Same(model, model.Compile().Model);
    }

    [Fact]
    public void Compile_ConcurrentFirstCalls_ReturnSameInstance()
    {
        Model model = Model.Parse("a*exp(-t/tau) + c*sin(t)");
        var compiled = new CompiledModel[16];

        Parallel.For(0, compiled.Length, k => compiled[k] = model.Compile());

        Assert.All(compiled, c => Assert.Same(compiled[0], c));
    }

    [Fact]
    public void ValuesJacobian_ParallelFor_IdenticalToSequential()
    {
        CompiledModel model = Model.Parse("a*exp(-t/tau) + c*erf(t - a) + abs(tau - t)^3").Compile();
        const int problems = 256;
        var inputs = new (double[] P, double[] T)[problems];
        var rng = new Random(99);
        for (int k = 0; k < problems; k++)
        {
            inputs[k] = (Uniform(rng, 3, 0.5, 2.0), Uniform(rng, M, 0.0, 4.0));
        }

        var expectedF = new double[problems][];
        var expectedJ = new double[problems][];
        for (int k = 0; k < problems; k++)
        {
            expectedF[k] = new double[M];
            expectedJ[k] = new double[3 * M];
            model.Values(inputs[k].P, inputs[k].T, 0, M, expectedF[k]);
            model.Jacobian(inputs[k].P, inputs[k].T, 0, M, expectedJ[k]);
        }

        var actualF = new double[problems][];
        var actualJ = new double[problems][];
        Parallel.For(0, problems, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var f = new double[M];
            var jac = new double[3 * M];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                model.Values(inputs[k].P, inputs[k].T, 0, M, f);
                model.Jacobian(inputs[k].P, inputs[k].T, 0, M, jac);
            }

            actualF[k] = f;
            actualJ[k] = jac;
        });

        for (int k = 0; k < problems; k++)
        {
            Assert.Equal(expectedF[k], actualF[k]);
            Assert.Equal(expectedJ[k], actualJ[k]);
        }
    }

    [Fact]
    public void ValuesJacobianValue_AfterWarmUp_AllocateNothing()
    {
        CompiledModel model = Model.Parse("a*exp(-t/tau) + c").Compile();
        double[] p = [1.0, 2.0, 3.0];
        double[] t = Uniform(new Random(5), M, 0.0, 3.0);
        var f = new double[M];
        var jac = new double[3 * M];
        model.Values(p, t, 0, M, f);
        model.Jacobian(p, t, 0, M, jac);
        model.Value(p, t.AsSpan(0, 1));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 1000; k++)
        {
            model.Values(p, t, 0, M, f);
            model.Jacobian(p, t, 0, M, jac);
            model.Value(p, t.AsSpan(k % M, 1));
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Values_ZeroPoints_WritesNothing()
    {
        CompiledModel model = Model.Parse("a*t").Compile();
        double[] f = [42.0];

        model.Values([1.0], [], 0, 0, f);

        Assert.Equal(42.0, f[0]);
    }

    [Fact]
    public void ValuesJacobianValue_BadArguments_ThrowNamingTheArgument()
    {
        CompiledModel model = Model.Parse("a*x + b*y").Compile();
        double[] p = [1.0, 2.0];
        double[] vars = new double[10];
        double[] f = new double[5];
        double[] jac = new double[10];

        Assert.Equal("p", Assert.Throws<ArgumentException>(() => model.Values([1.0], vars, 0, 5, f)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentNullException>(() => model.Values(null!, vars, 0, 5, f)).ParamName);
        Assert.Equal("vars", Assert.Throws<ArgumentException>(() => model.Values(p, vars, 1, 5, f)).ParamName);
        Assert.Equal("vars", Assert.Throws<ArgumentNullException>(() => model.Values(p, null!, 0, 5, f)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => model.Values(p, vars, 0, 5, new double[4])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => model.Values(p, vars, 0, 5, null!)).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => model.Values(p, vars, 0, -1, f)).ParamName);
        Assert.Equal("varsOffset", Assert.Throws<ArgumentOutOfRangeException>(() => model.Values(p, vars, -1, 5, f)).ParamName);
        Assert.Equal("jac", Assert.Throws<ArgumentException>(() => model.Jacobian(p, vars, 0, 5, new double[9])).ParamName);
        Assert.Equal("vars", Assert.Throws<ArgumentException>(() => model.Jacobian(p, vars, 0, 6, new double[12])).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => model.Value([1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => model.Value(p, [1.0])).ParamName);
        model.Jacobian(p, vars, 0, 5, jac);
    }

    [Fact]
    public void Values_MinMaxNaNAndSignedZero_FollowMathMinMax()
    {
        CompiledModel min = Model.Parse("min(a, t)", ["a"], ["t"]).Compile();
        CompiledModel max = Model.Parse("max(a, t)", ["a"], ["t"]).Compile();

        Assert.True(double.IsNaN(min.Value([double.NaN], [1.0])));
        Assert.True(double.IsNaN(min.Value([1.0], [double.NaN])));
        Assert.True(double.IsNaN(max.Value([double.NaN], [1.0])));
        Assert.True(double.IsNaN(max.Value([2.0], [double.NaN])));
        AssertBitwise(-0.0, min.Value([0.0], [-0.0]), "min(+0, -0)");
        AssertBitwise(-0.0, min.Value([-0.0], [0.0]), "min(-0, +0)");
        AssertBitwise(0.0, max.Value([-0.0], [0.0]), "max(-0, +0)");
        AssertBitwise(0.0, max.Value([0.0], [-0.0]), "max(+0, -0)");
    }
}

using System.Globalization;
using System.Text;
using GpuLm.Models;
using Xunit;
using static GpuLm.Tests.Models.ModelTestSupport;

namespace GpuLm.Tests.Models;

/// <summary>
/// <see cref="Model.EmitC"/>: the layout of the source, and the source compiled by gcc
/// as C99 with <c>real</c> = double giving the compiled CPU model's doubles.
/// </summary>
public sealed class CEmitterTests
{
    private const string DecaySource = """
        /* a*exp(-t/tau) + c; parameters: a, tau, c; variables: t */
        #ifndef GPULM_DEVICE_FN
        #define GPULM_DEVICE_FN
        #endif
        #define DECAY_N 3
        #define DECAY_D 1

        GPULM_DEVICE_FN static real decay_value(const real* p, const real* v)
        {
            return p[0]*exp(-v[0]/p[1]) + p[2];
        }

        /* dfdp[j] = df/dp_j at this point */
        GPULM_DEVICE_FN static void decay_jacobian(const real* p, const real* v, real* dfdp)
        {
            const real t0 = exp(-v[0]/p[1]);
            dfdp[0] = t0;
            dfdp[1] = p[0]*(t0*(v[0]/(p[1]*p[1])));
            dfdp[2] = (real)1.0;
        }

        """;

    public static TheoryData<string, string[], string[]> Models => new()
    {
        { "a*exp(-t/tau) + c", ["a", "tau", "c"], ["t"] },
        { "a*t^2 + b*t^3 + c*t^4 + a*t^5 - b^-2 + (a*t)^0.5 + c^1", ["a", "b", "c"], ["t"] },
        { "-a^2*t + -(b*t) + a - (b - t) + a/(b/t) - -a + a*-t", ["a", "b"], ["t"] },
        { "sin(a*t)*cos(b) + tan(a) - atan(t*b) + atan2(a, t) + sinh(a*t) - cosh(b) + tanh(t) + log(b*t*t) + sqrt(b)", ["a", "b"], ["t"] },
        { "abs(a - t)^3 + min(a*t, b) + max(b, t) + abs(b)", ["a", "b"], ["t"] },
        { "erf(a*t) + erfc(b - t)*a", ["a", "b"], ["t"] },
        { "a^b^t + pow(b, t*a)", ["a", "b"], ["t"] },
        { "a*sin(2*pi*t) + e*b + 1e-7*t + 2.5E+4 + 0.1*a", ["a", "b"], ["t"] },
        { "a*x + b*y^2 + c*x*y", ["a", "b", "c"], ["x", "y"] },
        { "amp*exp(-((x - x0)^2 + (y - y0)^2)/s) + z*bg", ["amp", "x0", "y0", "s", "bg"], ["x", "y", "z"] },
    };

    [Fact]
    public void EmitC_Decay_ExactSource()
    {
        Assert.Equal(DecaySource, Model.Parse("a*exp(-t/tau) + c").EmitC("decay"));
    }

    [Fact]
    public void EmitC_DefaultPrefix_IsModel()
    {
        string source = Model.Parse("a*t").EmitC();

        Assert.Contains("#define MODEL_N 1\n#define MODEL_D 1\n", source, StringComparison.Ordinal);
        Assert.Contains("static real model_value(const real* p, const real* v)", source, StringComparison.Ordinal);
        Assert.Contains("static void model_jacobian(const real* p, const real* v, real* dfdp)", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1model")]
    [InlineData("my-model")]
    public void EmitC_BadPrefix_Throws(string prefix)
    {
        Assert.Equal("prefix", Assert.Throws<ArgumentException>(() => Model.Parse("a*t").EmitC(prefix)).ParamName);
    }

    [Theory]
    [InlineData(0.5, "(real)0.5")]
    [InlineData(2.0, "(real)2.0")]
    [InlineData(-3.0, "(real)-3.0")]
    [InlineData(1e-7, "(real)1E-07")]
    [InlineData(1e300, "(real)1E+300")]
    [InlineData(0.1, "(real)0.1")]
    [InlineData(3.141592653589793, "(real)3.141592653589793")]
    public void FormatLiteral_Value_ExactCLiteral(double value, string literal)
    {
        Assert.Equal(literal, CEmitter.FormatLiteral(value));
    }

    [Fact]
    public void EmitC_MinMax_UsesNaNPreservingHelpersOnce()
    {
        string source = Model.Parse("min(a, t) + max(a, t)").EmitC();

        Assert.Contains("#ifndef GPULM_MODEL_MINMAX", source, StringComparison.Ordinal);
        Assert.Contains("gpulm_min(p[0], v[0]) + gpulm_max(p[0], v[0])", source, StringComparison.Ordinal);
        Assert.DoesNotContain("fmin", source, StringComparison.Ordinal);
        Assert.DoesNotContain("GPULM_MODEL_MINMAX", Model.Parse("a*t").EmitC(), StringComparison.Ordinal);
    }

    [GccTheory]
    [MemberData(nameof(Models))]
    public void EmitC_CompiledByGcc_MatchesCompiledModel(string expression, string[] parameters, string[] variables)
    {
        Model model = Model.Parse(expression, parameters, variables);
        var rng = new Random(StableSeed(expression));
        const int m = 30;
        double[] p = Uniform(rng, model.ParameterCount, 0.5, 1.5);
        double[] vars = Uniform(rng, m * model.VariableCount, 0.5, 2.0);

        string[] lines = RunEmitted([(model, "m")], "m", p, vars, m);

        CompiledModel compiled = model.Compile();
        int n = model.ParameterCount;
        var f = new double[m];
        var jac = new double[m * n];
        compiled.Values(p, vars, 0, m, f);
        compiled.Jacobian(p, vars, 0, m, jac);
        Assert.Equal(m * (n + 1), lines.Length);
        // C's erf and erfc are libm's, not SpecialFunctions': they agree to a few ulps.
        bool libmErf = expression.Contains("erf", StringComparison.Ordinal);
        for (int i = 0; i < m; i++)
        {
            double value = ParseBits(lines[i * (n + 1)]);
            if (libmErf)
            {
                Assert.True(Math.Abs(value - f[i]) <= 2e-15 * Math.Abs(f[i]), $"C value of {expression} at point {i}: {value:R}, CPU {f[i]:R}");
            }
            else
            {
                AssertBitwise(f[i], value, $"C value of {expression} at point {i}");
            }

            for (int j = 0; j < n; j++)
            {
                double c = ParseBits(lines[i * (n + 1) + 1 + j]);
                double cpu = jac[i + j * m];
                Assert.True(
                    c == cpu || Math.Abs(c - cpu) <= 1e-14 * Math.Max(Math.Abs(c), Math.Abs(cpu)),
                    $"C d/d{model.Parameters[j]} of {expression} at point {i}: {c:R}, CPU {cpu:R}");
            }
        }
    }

    [GccFact]
    public void EmitC_TwoModelsInOneUnit_CompileTogether()
    {
        Model first = Model.Parse("min(a, t) + b*t");
        Model second = Model.Parse("max(a*x, b) + abs(x)");

        string[] lines = RunEmitted([(first, "first"), (second, "second")], "second", [1.0, 2.0], [0.5], 1, "-Wno-unused-function");

        Assert.Equal(3, lines.Length);
        AssertBitwise(second.Compile().Value([1.0, 2.0], [0.5]), ParseBits(lines[0]), "second_value");
    }

    // Compiles the models' source with a main that reads the parameters and points as
    // hexadecimal bit patterns on stdin (so gcc cannot fold anything at compile time) and
    // prints, per point, the value then the derivatives, each as its bits and as %a.
    private static string[] RunEmitted(
        (Model Model, string Prefix)[] models, string run, double[] p, double[] vars, int m, params string[] extraFlags)
    {
        string upper = run.ToUpperInvariant();
        var source = new StringBuilder("""
            #include <inttypes.h>
            #include <math.h>
            #include <stdint.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            typedef double real;

            """);
        foreach ((Model model, string prefix) in models)
        {
            source.Append(model.EmitC(prefix)).Append('\n');
        }

        source.Append($$"""
            static double read_double(void)
            {
                uint64_t bits;
                double value;
                if (scanf("%" SCNx64, &bits) != 1)
                {
                    exit(2);
                }
                memcpy(&value, &bits, sizeof value);
                return value;
            }

            static void write_double(double value)
            {
                uint64_t bits;
                memcpy(&bits, &value, sizeof bits);
                printf("%016" PRIx64 " %a\n", bits, value);
            }

            int main(void)
            {
                int points;
                int i;
                int j;
                real p[{{upper}}_N];
                real v[{{upper}}_D];
                real dfdp[{{upper}}_N];
                if (scanf("%d", &points) != 1)
                {
                    return 2;
                }
                for (j = 0; j < {{upper}}_N; j++)
                {
                    p[j] = read_double();
                }
                for (i = 0; i < points; i++)
                {
                    for (j = 0; j < {{upper}}_D; j++)
                    {
                        v[j] = read_double();
                    }
                    write_double({{run}}_value(p, v));
                    {{run}}_jacobian(p, v, dfdp);
                    for (j = 0; j < {{upper}}_N; j++)
                    {
                        write_double(dfdp[j]);
                    }
                }
                return 0;
            }

            """);

        string folder = Path.Combine(Path.GetTempPath(), "gpulm-emitc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string file = Path.Combine(folder, "model.c");
            string exe = Path.Combine(folder, "model");
            File.WriteAllText(file, source.ToString());
            Gcc.Run(Gcc.Path!, ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2", "-ffp-contract=off", .. extraFlags, "-o", exe, file, "-lm"]);
            var input = new StringBuilder();
            input.Append(m.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (double value in p.Concat(vars))
            {
                input.Append(BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
            }

            return Gcc.Run(exe, [], input.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double ParseBits(string line) =>
        BitConverter.Int64BitsToDouble(long.Parse(line.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}

using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Models;

/// <summary>
/// <see cref="ModelCatalog"/>: every entry parses with its documented parameters and variables,
/// evaluates bit for bit like a hand-written C# transcription of its expression, and has an
/// analytic Jacobian that agrees with Richardson-extrapolated central differences.
/// </summary>
/// <remarks>
/// The transcriptions follow the evaluator's contract: operations in the order written,
/// <c>u^2</c> as <c>u*u</c>, <c>u^3</c> as <c>(u*u)*u</c>, any other power through
/// <see cref="Math.Pow"/>. Sampled points keep every model smooth and in its domain
/// (positive widths and time constants, t &gt; 0 for the stretched exponential, x &gt; 0 for
/// the power law).
/// </remarks>
public sealed class CatalogTests
{
    private const int Seed = 20250611;

    // Data points start after a few unused slots, so that varsOffset is exercised.
    private const int VarsOffset = 3;

    private static readonly string[] ExpectedNames =
    [
        "gauss1d", "gauss2d", "gauss2d_elliptic", "gauss2d_rotated", "cauchy2d_elliptic",
        "lorentzian", "pseudo_voigt", "exp_decay", "biexp_decay", "stretched_exp", "linear",
        "quadratic", "cubic", "power_law", "logistic", "t1_inversion_recovery", "t2_decay",
        "michaelis_menten",
    ];

    private static readonly Dictionary<string, ModelCase> Cases = new()
    {
        ["gauss1d"] = new(
            ["a", "x0", "sigma", "b"],
            ["x"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, 0.5, 3), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -4, 4) * p[2]],
            (p, v) =>
            {
                double dx = v[0] - p[1];
                return p[0] * Math.Exp(-(dx * dx) / (2.0 * (p[2] * p[2]))) + p[3];
            }),
        ["gauss2d"] = new(
            ["a", "x0", "y0", "sigma", "b"],
            ["x", "y"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, -5, 5), U(r, 0.5, 3), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -4, 4) * p[3], p[2] + U(r, -4, 4) * p[3]],
            (p, v) =>
            {
                double dx = v[0] - p[1];
                double dy = v[1] - p[2];
                return p[0] * Math.Exp(-(dx * dx + dy * dy) / (2.0 * (p[3] * p[3]))) + p[4];
            }),
        ["gauss2d_elliptic"] = new(
            ["a", "x0", "y0", "sigma_x", "sigma_y", "b"],
            ["x", "y"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, -5, 5), U(r, 0.5, 3), U(r, 0.5, 3), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -4, 4) * p[3], p[2] + U(r, -4, 4) * p[4]],
            (p, v) =>
            {
                double dx = v[0] - p[1];
                double dy = v[1] - p[2];
                return p[0] * Math.Exp(-(dx * dx) / (2.0 * (p[3] * p[3])) - dy * dy / (2.0 * (p[4] * p[4]))) + p[5];
            }),
        ["gauss2d_rotated"] = new(
            ["a", "x0", "y0", "sigma_x", "sigma_y", "b", "theta"],
            ["x", "y"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, -5, 5), U(r, 0.5, 3), U(r, 0.5, 3), U(r, -1, 1), U(r, -Math.PI / 2, Math.PI / 2)],
            (r, p) =>
            {
                double reach = 4.0 * Math.Max(p[3], p[4]);
                return [p[1] + U(r, -reach, reach), p[2] + U(r, -reach, reach)];
            },
            (p, v) =>
            {
                double dx = v[0] - p[1];
                double dy = v[1] - p[2];
                double u = dx * Math.Cos(p[6]) + dy * Math.Sin(p[6]);
                double w = dy * Math.Cos(p[6]) - dx * Math.Sin(p[6]);
                return p[0] * Math.Exp(-(u * u) / (2.0 * (p[3] * p[3])) - w * w / (2.0 * (p[4] * p[4]))) + p[5];
            }),
        ["cauchy2d_elliptic"] = new(
            ["a", "x0", "y0", "gamma_x", "gamma_y", "b"],
            ["x", "y"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, -5, 5), U(r, 0.5, 3), U(r, 0.5, 3), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -5, 5) * p[3], p[2] + U(r, -5, 5) * p[4]],
            (p, v) =>
            {
                double rx = (v[0] - p[1]) / p[3];
                double ry = (v[1] - p[2]) / p[4];
                return p[0] / ((1.0 + rx * rx) * (1.0 + ry * ry)) + p[5];
            }),
        ["lorentzian"] = new(
            ["a", "x0", "gamma", "b"],
            ["x"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, 0.5, 3), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -5, 5) * p[2]],
            (p, v) =>
            {
                double rx = (v[0] - p[1]) / p[2];
                return p[0] / (1.0 + rx * rx) + p[3];
            }),
        ["pseudo_voigt"] = new(
            ["a", "x0", "fwhm", "b", "eta"],
            ["x"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, 0.5, 4), U(r, -1, 1), U(r, 0, 1)],
            (r, p) => [p[1] + U(r, -3, 3) * p[2]],
            (p, v) =>
            {
                double rx = (v[0] - p[1]) / p[2];
                return p[0] * (p[4] / (1.0 + 4.0 * (rx * rx)) + (1.0 - p[4]) * Math.Exp(-4.0 * Math.Log(2.0) * (rx * rx))) + p[3];
            }),
        ["exp_decay"] = new(
            ["a", "tau", "b"],
            ["t"],
            r => [U(r, 0.5, 10), U(r, 0.5, 10), U(r, -1, 1)],
            (r, p) => [U(r, 0, 5 * p[1])],
            (p, v) => p[0] * Math.Exp(-v[0] / p[1]) + p[2]),
        ["biexp_decay"] = new(
            ["a1", "tau1", "a2", "tau2", "b"],
            ["t"],
            r => [U(r, 0.5, 10), U(r, 0.2, 2), U(r, 0.5, 10), U(r, 3, 20), U(r, -1, 1)],
            (r, p) => [U(r, 0, 5 * p[3])],
            (p, v) => p[0] * Math.Exp(-v[0] / p[1]) + p[2] * Math.Exp(-v[0] / p[3]) + p[4]),
        ["stretched_exp"] = new(
            ["a", "tau", "b", "beta"],
            ["t"],
            r => [U(r, 0.5, 10), U(r, 0.5, 10), U(r, -1, 1), U(r, 0.3, 1)],
            (r, p) => [U(r, 0.01 * p[1], 5 * p[1])],
            (p, v) => p[0] * Math.Exp(-Math.Pow(v[0] / p[1], p[3])) + p[2]),
        ["linear"] = new(
            ["c0", "c1"],
            ["x"],
            r => [U(r, -3, 3), U(r, -3, 3)],
            (r, p) => [U(r, -5, 5)],
            (p, v) => p[0] + p[1] * v[0]),
        ["quadratic"] = new(
            ["c0", "c1", "c2"],
            ["x"],
            r => [U(r, -3, 3), U(r, -3, 3), U(r, -3, 3)],
            (r, p) => [U(r, -5, 5)],
            (p, v) => p[0] + p[1] * v[0] + p[2] * (v[0] * v[0])),
        ["cubic"] = new(
            ["c0", "c1", "c2", "c3"],
            ["x"],
            r => [U(r, -3, 3), U(r, -3, 3), U(r, -3, 3), U(r, -3, 3)],
            (r, p) => [U(r, -5, 5)],
            (p, v) => p[0] + p[1] * v[0] + p[2] * (v[0] * v[0]) + p[3] * (v[0] * v[0] * v[0])),
        ["power_law"] = new(
            ["a", "k"],
            ["x"],
            r => [U(r, 0.5, 5), U(r, -2, 3)],
            (r, p) => [U(r, 0.1, 10)],
            (p, v) => p[0] * Math.Pow(v[0], p[1])),
        ["logistic"] = new(
            ["a", "x0", "w", "b"],
            ["x"],
            r => [U(r, 0.5, 10), U(r, -5, 5), U(r, 0.2, 2) * (r.Next(2) == 0 ? 1.0 : -1.0), U(r, -1, 1)],
            (r, p) => [p[1] + U(r, -8, 8) * Math.Abs(p[2])],
            (p, v) => p[0] * (1.0 + Math.Tanh((v[0] - p[1]) / (2.0 * p[2]))) / 2.0 + p[3]),
        ["t1_inversion_recovery"] = new(
            ["a", "t1", "k"],
            ["t"],
            r => [U(r, 0.5, 10), U(r, 0.2, 3), U(r, 1.5, 2)],
            (r, p) => [U(r, 0, 5 * p[1])],
            (p, v) => p[0] * (1.0 - p[2] * Math.Exp(-v[0] / p[1]))),
        ["t2_decay"] = new(
            ["a", "t2", "b"],
            ["t"],
            r => [U(r, 0.5, 10), U(r, 10, 200), U(r, -1, 1)],
            (r, p) => [U(r, 0, 5 * p[1])],
            (p, v) => p[0] * Math.Exp(-v[0] / p[1]) + p[2]),
        ["michaelis_menten"] = new(
            ["vmax", "km"],
            ["s"],
            r => [U(r, 0.5, 10), U(r, 0.1, 10)],
            (r, p) => [U(r, 0, 10 * p[1])],
            (p, v) => p[0] * v[0] / (p[1] + v[0])),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in ExpectedNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void All_Catalogue_HasExactlyTheEighteenNamesInOrder()
    {
        Assert.Equal(ExpectedNames, ModelCatalog.All.Select(m => m.Name));
        Assert.Equal(ExpectedNames.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Model_CatalogueEntry_ParsesWithDocumentedParametersAndVariables(string name)
    {
        CatalogModel entry = ModelCatalog.Get(name);
        ModelCase expected = Cases[name];

        Assert.Equal(expected.Parameters, entry.Parameters.Select(p => p.Name));
        Assert.Equal(expected.Variables, entry.Variables);
        Assert.Equal(expected.Parameters, entry.Model.Parameters);
        Assert.Equal(expected.Variables, entry.Model.Variables);
        Assert.Equal(expected.Parameters.Length, entry.Model.ParameterCount);
        Assert.Equal(expected.Variables.Length, entry.Model.VariableCount);
        Assert.Equal(entry.Expression, entry.Model.Expression);
        Assert.False(string.IsNullOrWhiteSpace(entry.Description));
        Assert.All(entry.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Meaning)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_RandomPoints_EqualHandWrittenFormulaBitForBit(string name)
    {
        const int parameterSets = 10;
        const int pointsPerSet = 20;
        ModelCase modelCase = Cases[name];
        CompiledModel compiled = ModelCatalog.Get(name).Model.Compile();
        var rng = new Random(Seed);

        for (int set = 0; set < parameterSets; set++)
        {
            double[] p = modelCase.SampleParameters(rng);
            double[][] points = SamplePoints(modelCase, rng, p, pointsPerSet);
            double[] vars = Pack(points);
            double[] f = new double[pointsPerSet];
            compiled.Values(p, vars, VarsOffset, pointsPerSet, f);

            for (int i = 0; i < pointsPerSet; i++)
            {
                double expected = modelCase.Formula(p, points[i]);
                AssertSameBits(expected, f[i], name, "Values", p, points[i]);
                AssertSameBits(expected, compiled.Value(p, points[i]), name, "Value", p, points[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Jacobian_RandomPoints_AgreesWithRichardsonCentralDifferences(string name)
    {
        const int parameterSets = 5;
        const int pointsPerSet = 40;
        const double tolerance = 1e-6;
        ModelCase modelCase = Cases[name];
        CompiledModel compiled = ModelCatalog.Get(name).Model.Compile();
        var rng = new Random(Seed);
        int n = modelCase.Parameters.Length;

        for (int set = 0; set < parameterSets; set++)
        {
            double[] p = modelCase.SampleParameters(rng);
            double[][] points = SamplePoints(modelCase, rng, p, pointsPerSet);
            double[] vars = Pack(points);
            double[] jac = new double[pointsPerSet * n];
            compiled.Jacobian(p, vars, VarsOffset, pointsPerSet, jac);

            for (int j = 0; j < n; j++)
            {
                double[] numeric = RichardsonColumn(compiled, p, j, vars, pointsPerSet);
                for (int i = 0; i < pointsPerSet; i++)
                {
                    double analytic = jac[i + j * pointsPerSet];
                    double error = Math.Abs(analytic - numeric[i]);
                    Assert.True(
                        double.IsFinite(analytic) && error <= tolerance * Math.Max(Math.Abs(analytic), 1.0),
                        $"{name}: d/d{modelCase.Parameters[j]} at p = [{string.Join(", ", p)}], "
                        + $"point = [{string.Join(", ", points[i])}]: analytic {analytic:R}, numeric {numeric[i]:R}.");
                }
            }
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Jacobian_LogisticFarFromMidpoint_IsFinite(double w)
    {
        // The reason the logistic is written with tanh: exp(-(x-x0)/w) would overflow here.
        CompiledModel compiled = ModelCatalog.Get("logistic").Model.Compile();
        double[] p = [2.0, 0.0, w, 1.0];
        double[] vars = [-1e3, -400.0, 400.0, 1e3];
        double[] f = new double[vars.Length];
        double[] jac = new double[vars.Length * p.Length];

        compiled.Values(p, vars, 0, vars.Length, f);
        compiled.Jacobian(p, vars, 0, vars.Length, jac);

        Assert.All(f, value => Assert.True(value is 1.0 or 3.0, $"value {value:R}"));
        Assert.All(jac, value => Assert.True(double.IsFinite(value), $"Jacobian entry {value:R}"));
    }

    [Fact]
    public void Model_RepeatedAccess_ReturnsTheSameInstance()
    {
        CatalogModel entry = ModelCatalog.Get("gauss2d");

        Assert.Same(entry.Model, entry.Model);
    }

    [Fact]
    public void Model_ConcurrentFirstAccess_ParsesOnce()
    {
        var entry = new CatalogModel(
            "probe", "A fresh entry, so that first access happens here.", "a*exp(-t/tau) + b",
            ["t"], [new("a", "Amplitude."), new("tau", "Time constant."), new("b", "Offset.")]);
        var seen = new Model[16];

        Parallel.For(0, seen.Length, i => seen[i] = entry.Model);

        Assert.All(seen, m => Assert.Same(seen[0], m));
    }

    [Fact]
    public void Get_UnknownName_ThrowsArgumentExceptionListingKnownNames()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Get("gauss3d"));

        Assert.Equal("name", ex.ParamName);
        Assert.Contains("gauss3d", ex.Message, StringComparison.Ordinal);
        Assert.All(ExpectedNames, known => Assert.Contains(known, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryGet_UnknownName_ReturnsFalse()
    {
        Assert.False(ModelCatalog.TryGet("gauss3d", out CatalogModel? model));
        Assert.Null(model);
    }

    [Fact]
    public void TryGet_KnownName_ReturnsTheEntry()
    {
        Assert.True(ModelCatalog.TryGet("michaelis_menten", out CatalogModel? model));
        Assert.Same(ModelCatalog.Get("michaelis_menten"), model);
    }

    [Fact]
    public void Get_DifferentCase_ReturnsTheEntry()
    {
        Assert.Same(ModelCatalog.Get("gauss2d_rotated"), ModelCatalog.Get("Gauss2D_Rotated"));
    }

    [Fact]
    public void Get_NullName_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("name", () => ModelCatalog.Get(null!));
        Assert.Throws<ArgumentNullException>("name", () => ModelCatalog.TryGet(null!, out _));
    }

    private static double U(Random rng, double low, double high) => low + (high - low) * rng.NextDouble();

    private static double[][] SamplePoints(ModelCase modelCase, Random rng, double[] p, int count)
    {
        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            points[i] = modelCase.SamplePoint(rng, p);
        }

        return points;
    }

    // Row-major points after VarsOffset unused slots, which hold NaN so that reading them shows.
    private static double[] Pack(double[][] points)
    {
        int d = points[0].Length;
        double[] vars = new double[VarsOffset + points.Length * d];
        Array.Fill(vars, double.NaN, 0, VarsOffset);
        for (int i = 0; i < points.Length; i++)
        {
            points[i].CopyTo(vars, VarsOffset + i * d);
        }

        return vars;
    }

    // (4 D(h/2) - D(h)) / 3: central differences with the h² error term removed.
    private static double[] RichardsonColumn(CompiledModel compiled, double[] p, int j, double[] vars, int m)
    {
        double h = 1e-3 * Math.Max(Math.Abs(p[j]), 1.0);
        double[] coarse = CentralColumn(compiled, p, j, h, vars, m);
        double[] fine = CentralColumn(compiled, p, j, h / 2, vars, m);
        double[] result = new double[m];
        for (int i = 0; i < m; i++)
        {
            result[i] = (4.0 * fine[i] - coarse[i]) / 3.0;
        }

        return result;
    }

    private static double[] CentralColumn(CompiledModel compiled, double[] p, int j, double h, double[] vars, int m)
    {
        double[] plus = (double[])p.Clone();
        double[] minus = (double[])p.Clone();
        plus[j] = p[j] + h;
        minus[j] = p[j] - h;

        // The step actually taken, not the one asked for: p ± h rounds.
        double step = plus[j] - minus[j];
        double[] fPlus = new double[m];
        double[] fMinus = new double[m];
        compiled.Values(plus, vars, VarsOffset, m, fPlus);
        compiled.Values(minus, vars, VarsOffset, m, fMinus);
        double[] column = new double[m];
        for (int i = 0; i < m; i++)
        {
            column[i] = (fPlus[i] - fMinus[i]) / step;
        }

        return column;
    }

    private static void AssertSameBits(double expected, double actual, string name, string method, double[] p, double[] point)
    {
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{name}.{method} at p = [{string.Join(", ", p)}], point = [{string.Join(", ", point)}]: "
            + $"expected {expected:R}, got {actual:R}.");
    }

    /// <summary>What the catalogue documents for one model, hand-copied, and its hand-written value.</summary>
    private sealed record ModelCase(
        string[] Parameters,
        string[] Variables,
        Func<Random, double[]> SampleParameters,
        Func<Random, double[], double[]> SamplePoint,
        Func<double[], double[], double> Formula);
}

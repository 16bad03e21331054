using System.Globalization;

namespace GpuLm.Tests.Reference;

/// <summary>
/// One of the 53 (problem, n, m, start-factor) cases of MINPACK-1's lmder/lmdif test driver,
/// as <c>Case</c> in <c>shared/reference/minpack-mgh/mgh.py</c>.
/// </summary>
/// <param name="CaseId">The id, e.g. <c>01_linear_full_rank_n5_m10_x1</c>.</param>
/// <param name="NProb">The MINPACK-1 problem number, 1 to 18.</param>
/// <param name="Name">The problem's short name, e.g. <c>linear_full_rank</c>.</param>
/// <param name="N">The number of parameters.</param>
/// <param name="M">The number of residuals.</param>
/// <param name="Factor">The start factor: 1, 10 or 100.</param>
/// <param name="X0">The starting point (factor times the standard point; Watson's rule for factor ≠ 1).</param>
internal sealed record MghCase(string CaseId, int NProb, string Name, int N, int M, int Factor, double[] X0)
{
    /// <summary>Writes the <see cref="M"/> residuals f(x) into <paramref name="fvec"/>.</summary>
    public void Residuals(ReadOnlySpan<double> x, Span<double> fvec)
    {
        if (x.Length != N)
        {
            throw new ArgumentException($"x has length {x.Length}, expected {N}.", nameof(x));
        }

        if (fvec.Length < M)
        {
            throw new ArgumentException($"fvec has length {fvec.Length}, expected at least {M}.", nameof(fvec));
        }

        MghProblems.EvaluateResiduals(NProb, M, x, fvec[..M]);
    }

    /// <summary>Writes the M×N Jacobian row-major, <c>jac[i*N + j] = ∂f_i/∂x_j</c>.</summary>
    public void Jacobian(ReadOnlySpan<double> x, Span<double> jac)
    {
        if (x.Length != N)
        {
            throw new ArgumentException($"x has length {x.Length}, expected {N}.", nameof(x));
        }

        if (jac.Length < M * N)
        {
            throw new ArgumentException($"jac has length {jac.Length}, expected at least {M * N}.", nameof(jac));
        }

        MghProblems.EvaluateJacobian(NProb, M, x, jac[..(M * N)]);
    }

    /// <inheritdoc/>
    public override string ToString() => CaseId;
}

/// <summary>
/// The eighteen Moré–Garbow–Hillstrom problems run by MINPACK-1's lmder/lmdif test driver
/// (ACM TOMS 7(1), 1981), translated from <c>shared/reference/minpack-mgh/mgh.py</c> in its exact
/// operation order (left to right, its parenthesisation, <c>t*t</c> rather than pow, sequential
/// sums from 0.0, integers converted to double where Python converts them), so that residuals and
/// Jacobians are the very same IEEE doubles scipy saw.
/// </summary>
internal static class MghProblems
{
    private const double TwoPi = 2.0 * Math.PI;
    private static readonly double Sqrt5 = Math.Sqrt(5.0);
    private static readonly double Sqrt10 = Math.Sqrt(10.0);

    private static readonly double[] BardY =
    [
        0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58,
        0.73, 0.96, 1.34, 2.10, 4.39,
    ];

    private static readonly double[] KowalikY =
    [
        0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456,
        0.0342, 0.0323, 0.0235, 0.0246,
    ];

    private static readonly double[] KowalikU =
    [
        4.0, 2.0, 1.0, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714,
        0.0625,
    ];

    private static readonly double[] MeyerY =
    [
        34780.0, 28610.0, 23650.0, 19630.0, 16370.0, 13720.0, 11540.0,
        9744.0, 8261.0, 7030.0, 6005.0, 5147.0, 4427.0, 3820.0, 3307.0,
        2872.0,
    ];

    private static readonly double[] Osborne1Y =
    [
        0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850,
        0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603,
        0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467,
        0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411,
        0.406,
    ];

    private static readonly double[] Osborne2Y =
    [
        1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847,
        0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606,
        0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644,
        0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423,
        0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429,
        0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668,
        0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710,
        0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098,
        0.054,
    ];

    // (nprob, n, m, number of starting points) exactly as mgh.py's DRIVER_TABLE.
    private static readonly (int NProb, int N, int M, int NTries)[] DriverTable =
    [
        (1, 5, 10, 1), (1, 5, 50, 1),
        (2, 5, 10, 1), (2, 5, 50, 1),
        (3, 5, 10, 1), (3, 5, 50, 1),
        (4, 2, 2, 3),
        (5, 3, 3, 3),
        (6, 4, 4, 3),
        (7, 2, 2, 3),
        (8, 3, 15, 3),
        (9, 4, 11, 3),
        (10, 3, 16, 2),
        (11, 6, 31, 3), (11, 9, 31, 3), (11, 12, 31, 3),
        (12, 3, 10, 1),
        (13, 2, 10, 1),
        (14, 4, 20, 3),
        (15, 1, 8, 3), (15, 8, 8, 1), (15, 9, 9, 1), (15, 10, 10, 1),
        (16, 10, 10, 3), (16, 30, 30, 1), (16, 40, 40, 1),
        (17, 5, 33, 1),
        (18, 11, 65, 1),
    ];

    /// <summary>All 53 cases in the driver's order, as <c>cases()</c> in mgh.py.</summary>
    public static IReadOnlyList<MghCase> Cases()
    {
        var cases = new List<MghCase>(53);
        foreach (var (nprob, n, m, ntries) in DriverTable)
        {
            int factor = 1;
            for (int t = 0; t < ntries; t++)
            {
                string name = Name(nprob);
                string id = string.Create(CultureInfo.InvariantCulture, $"{nprob:D2}_{name}_n{n}_m{m}_x{factor}");
                cases.Add(new MghCase(id, nprob, name, n, m, factor, InitialPoint(nprob, n, factor)));
                factor *= 10;
            }
        }

        return cases;
    }

    /// <summary>The case with the given id.</summary>
    /// <exception cref="KeyNotFoundException">No case has that id.</exception>
    public static MghCase Find(string caseId)
    {
        foreach (var c in Cases())
        {
            if (c.CaseId == caseId)
            {
                return c;
            }
        }

        throw new KeyNotFoundException($"No MGH case '{caseId}'.");
    }

    private static string Name(int nprob) => nprob switch
    {
        1 => "linear_full_rank",
        2 => "linear_rank1",
        3 => "linear_rank1_zero",
        4 => "rosenbrock",
        5 => "helical_valley",
        6 => "powell_singular",
        7 => "freudenstein_roth",
        8 => "bard",
        9 => "kowalik_osborne",
        10 => "meyer",
        11 => "watson",
        12 => "box3d",
        13 => "jennrich_sampson",
        14 => "brown_dennis",
        15 => "chebyquad",
        16 => "brown_almost_linear",
        17 => "osborne1",
        18 => "osborne2",
        _ => throw new ArgumentOutOfRangeException(nameof(nprob)),
    };

    // The standard starting point of the paper, as Problem.x0 in mgh.py.
    private static double[] StandardPoint(int nprob, int n)
    {
        switch (nprob)
        {
            case 1:
            case 2:
            case 3:
                return Filled(n, 1.0);
            case 4: return [-1.2, 1.0];
            case 5: return [-1.0, 0.0, 0.0];
            case 6: return [3.0, -1.0, 0.0, 1.0];
            case 7: return [0.5, -2.0];
            case 8: return [1.0, 1.0, 1.0];
            case 9: return [0.25, 0.39, 0.415, 0.39];
            case 10: return [0.02, 4000.0, 250.0];
            case 11: return Filled(n, 0.0);
            case 12: return [0.0, 10.0, 20.0];
            case 13: return [0.3, 0.4];
            case 14: return [25.0, 5.0, -5.0, -1.0];
            case 15:
                {
                    // x_j = j*h with h = 1/(n+1), computed as in the MINPACK driver.
                    var x = new double[n];
                    for (int j = 0; j < n; j++)
                    {
                        x[j] = (double)(j + 1) * (1.0 / (double)(n + 1));
                    }

                    return x;
                }

            case 16: return Filled(n, 0.5);
            case 17: return [0.5, 1.5, -1.0, 0.01, 0.02];
            case 18: return [1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5];
            default: throw new ArgumentOutOfRangeException(nameof(nprob));
        }
    }

    private static double[] Filled(int n, double v)
    {
        var x = new double[n];
        Array.Fill(x, v);
        return x;
    }

    // MINPACK driver convention: factor*x0, except that for Watson (x0 = 0) the point for
    // factor != 1 is x_j = factor.
    private static double[] InitialPoint(int nprob, int n, int factor)
    {
        double[] x = StandardPoint(nprob, n);
        if (factor == 1)
        {
            return x;
        }

        if (nprob == 11)
        {
            return Filled(n, (double)factor);
        }

        for (int j = 0; j < x.Length; j++)
        {
            x[j] = (double)factor * x[j];
        }

        return x;
    }

    /// <summary>Python's <c>refutil.cexp</c>: C-library exp, +inf on overflow.</summary>
    private static double Cexp(double v) => Math.Exp(v);

    internal static void EvaluateResiduals(int nprob, int m, ReadOnlySpan<double> x, Span<double> f)
    {
        switch (nprob)
        {
            case 1: FLinearFull(x, m, f); break;
            case 2: FLinearRank1(x, m, f); break;
            case 3: FLinearRank1Zero(x, m, f); break;
            case 4: FRosenbrock(x, f); break;
            case 5: FHelical(x, f); break;
            case 6: FPowellSingular(x, f); break;
            case 7: FFreudensteinRoth(x, f); break;
            case 8: FBard(x, f); break;
            case 9: FKowalikOsborne(x, f); break;
            case 10: FMeyer(x, f); break;
            case 11: FWatson(x, f); break;
            case 12: FBox3d(x, m, f); break;
            case 13: FJennrichSampson(x, m, f); break;
            case 14: FBrownDennis(x, m, f); break;
            case 15: FChebyquad(x, m, f); break;
            case 16: FBrownAlmostLinear(x, f); break;
            case 17: FOsborne1(x, f); break;
            case 18: FOsborne2(x, f); break;
            default: throw new ArgumentOutOfRangeException(nameof(nprob));
        }
    }

    internal static void EvaluateJacobian(int nprob, int m, ReadOnlySpan<double> x, Span<double> jac)
    {
        switch (nprob)
        {
            case 1: JLinearFull(x, m, jac); break;
            case 2: JLinearRank1(x, m, jac); break;
            case 3: JLinearRank1Zero(x, m, jac); break;
            case 4: JRosenbrock(x, jac); break;
            case 5: JHelical(x, jac); break;
            case 6: JPowellSingular(x, jac); break;
            case 7: JFreudensteinRoth(x, jac); break;
            case 8: JBard(x, jac); break;
            case 9: JKowalikOsborne(x, jac); break;
            case 10: JMeyer(x, jac); break;
            case 11: JWatson(x, jac); break;
            case 12: JBox3d(x, m, jac); break;
            case 13: JJennrichSampson(x, m, jac); break;
            case 14: JBrownDennis(x, m, jac); break;
            case 15: JChebyquad(x, m, jac); break;
            case 16: JBrownAlmostLinear(x, jac); break;
            case 17: JOsborne1(x, jac); break;
            case 18: JOsborne2(x, jac); break;
            default: throw new ArgumentOutOfRangeException(nameof(nprob));
        }
    }

    // 1. Linear function - full rank.
    private static void FLinearFull(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        int n = x.Length;
        double s = 0.0;
        for (int j = 0; j < n; j++)
        {
            s += x[j];
        }

        double c = 2.0 * s / (double)m + 1.0;
        for (int i = 0; i < m; i++)
        {
            f[i] = i < n ? x[i] - c : -c;
        }
    }

    private static void JLinearFull(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        int n = x.Length;
        double d = 2.0 / (double)m;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                jac[(i * n) + j] = i == j ? 1.0 - d : -d;
            }
        }
    }

    // 2. Linear function - rank 1.
    private static void FLinearRank1(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        int n = x.Length;
        double s = 0.0;
        for (int j = 0; j < n; j++)
        {
            s += (double)(j + 1) * x[j];
        }

        for (int i = 0; i < m; i++)
        {
            f[i] = (double)(i + 1) * s - 1.0;
        }
    }

    private static void JLinearRank1(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        int n = x.Length;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                jac[(i * n) + j] = (double)((i + 1) * (j + 1));
            }
        }
    }

    // 3. Linear function - rank 1 with zero columns and rows.
    private static void FLinearRank1Zero(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        int n = x.Length;
        double s = 0.0;
        for (int j = 1; j < n - 1; j++)
        {
            s += (double)(j + 1) * x[j];
        }

        f[0] = -1.0;
        f[m - 1] = -1.0;
        for (int i = 1; i < m - 1; i++)
        {
            f[i] = (double)i * s - 1.0;
        }
    }

    private static void JLinearRank1Zero(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        int n = x.Length;
        jac[..(m * n)].Clear();
        for (int i = 1; i < m - 1; i++)
        {
            for (int j = 1; j < n - 1; j++)
            {
                jac[(i * n) + j] = (double)(i * (j + 1));
            }
        }
    }

    // 4. Rosenbrock function.
    private static void FRosenbrock(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = 10.0 * (x[1] - x[0] * x[0]);
        f[1] = 1.0 - x[0];
    }

    private static void JRosenbrock(ReadOnlySpan<double> x, Span<double> jac)
    {
        jac[0] = -20.0 * x[0];
        jac[1] = 10.0;
        jac[2] = -1.0;
        jac[3] = 0.0;
    }

    // 5. Helical valley function.
    private static double Theta(double x1, double x2)
    {
        if (x1 > 0.0)
        {
            return Math.Atan(x2 / x1) / TwoPi;
        }

        if (x1 < 0.0)
        {
            return Math.Atan(x2 / x1) / TwoPi + 0.5;
        }

        return Math.CopySign(0.25, x2);
    }

    private static void FHelical(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2];
        double th = Theta(x1, x2);
        double r = Math.Sqrt(x1 * x1 + x2 * x2);
        f[0] = 10.0 * (x3 - 10.0 * th);
        f[1] = 10.0 * (r - 1.0);
        f[2] = x3;
    }

    private static void JHelical(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1];
        double r2 = x1 * x1 + x2 * x2;
        double t = TwoPi * r2;
        double r = Math.Sqrt(r2);
        jac[0] = 100.0 * x2 / t;
        jac[1] = -100.0 * x1 / t;
        jac[2] = 10.0;
        jac[3] = 10.0 * x1 / r;
        jac[4] = 10.0 * x2 / r;
        jac[5] = 0.0;
        jac[6] = 0.0;
        jac[7] = 0.0;
        jac[8] = 1.0;
    }

    // 6. Powell singular function.
    private static void FPowellSingular(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        double a = x2 - 2.0 * x3;
        double b = x1 - x4;
        f[0] = x1 + 10.0 * x2;
        f[1] = Sqrt5 * (x3 - x4);
        f[2] = a * a;
        f[3] = Sqrt10 * (b * b);
    }

    private static void JPowellSingular(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        double a = x2 - 2.0 * x3;
        double b = x1 - x4;
        double c = 2.0 * Sqrt10 * b;
        jac[0] = 1.0; jac[1] = 10.0; jac[2] = 0.0; jac[3] = 0.0;
        jac[4] = 0.0; jac[5] = 0.0; jac[6] = Sqrt5; jac[7] = -Sqrt5;
        jac[8] = 0.0; jac[9] = 2.0 * a; jac[10] = -4.0 * a; jac[11] = 0.0;
        jac[12] = c; jac[13] = 0.0; jac[14] = 0.0; jac[15] = -c;
    }

    // 7. Freudenstein and Roth function.
    private static void FFreudensteinRoth(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1];
        f[0] = -13.0 + x1 + ((5.0 - x2) * x2 - 2.0) * x2;
        f[1] = -29.0 + x1 + ((x2 + 1.0) * x2 - 14.0) * x2;
    }

    private static void JFreudensteinRoth(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x2 = x[1];
        jac[0] = 1.0;
        jac[1] = x2 * (10.0 - 3.0 * x2) - 2.0;
        jac[2] = 1.0;
        jac[3] = x2 * (3.0 * x2 + 2.0) - 14.0;
    }

    // 8. Bard function.
    private static void FBard(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2];
        for (int i = 0; i < 15; i++)
        {
            double u = (double)(i + 1);
            double v = (double)(15 - i);
            double w = Math.Min(u, v);
            f[i] = BardY[i] - (x1 + u / (v * x2 + w * x3));
        }
    }

    private static void JBard(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x2 = x[1], x3 = x[2];
        for (int i = 0; i < 15; i++)
        {
            double u = (double)(i + 1);
            double v = (double)(15 - i);
            double w = Math.Min(u, v);
            double d = v * x2 + w * x3;
            double d2 = d * d;
            jac[(i * 3) + 0] = -1.0;
            jac[(i * 3) + 1] = u * v / d2;
            jac[(i * 3) + 2] = u * w / d2;
        }
    }

    // 9. Kowalik and Osborne function.
    private static void FKowalikOsborne(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        for (int i = 0; i < 11; i++)
        {
            double u = KowalikU[i];
            double num = u * (u + x2);
            double den = u * (u + x3) + x4;
            f[i] = KowalikY[i] - x1 * num / den;
        }
    }

    private static void JKowalikOsborne(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        for (int i = 0; i < 11; i++)
        {
            double u = KowalikU[i];
            double num = u * (u + x2);
            double den = u * (u + x3) + x4;
            double den2 = den * den;
            jac[(i * 4) + 0] = -num / den;
            jac[(i * 4) + 1] = -x1 * u / den;
            jac[(i * 4) + 2] = x1 * num * u / den2;
            jac[(i * 4) + 3] = x1 * num / den2;
        }
    }

    // 10. Meyer function.
    private static void FMeyer(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2];
        for (int i = 0; i < 16; i++)
        {
            double t = 45.0 + 5.0 * (double)(i + 1);
            f[i] = x1 * Cexp(x2 / (t + x3)) - MeyerY[i];
        }
    }

    private static void JMeyer(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2];
        for (int i = 0; i < 16; i++)
        {
            double t = 45.0 + 5.0 * (double)(i + 1);
            double d = t + x3;
            double e = Cexp(x2 / d);
            jac[(i * 3) + 0] = e;
            jac[(i * 3) + 1] = x1 * e / d;
            jac[(i * 3) + 2] = -x1 * x2 * e / (d * d);
        }
    }

    // 11. Watson function.
    private static void FWatson(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        for (int i = 0; i < 29; i++)
        {
            double t = (double)(i + 1) / 29.0;
            double s1 = 0.0;
            double p = 1.0;
            for (int j = 1; j < n; j++)
            {
                s1 += (double)j * p * x[j];
                p = p * t;
            }

            double s2 = 0.0;
            p = 1.0;
            for (int j = 0; j < n; j++)
            {
                s2 += p * x[j];
                p = p * t;
            }

            f[i] = s1 - s2 * s2 - 1.0;
        }

        f[29] = x[0];
        f[30] = x[1] - x[0] * x[0] - 1.0;
    }

    private static void JWatson(ReadOnlySpan<double> x, Span<double> jac)
    {
        int n = x.Length;
        jac[..(31 * n)].Clear();
        Span<double> pw = n <= 64 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < 29; i++)
        {
            double t = (double)(i + 1) / 29.0;
            double p = 1.0;
            for (int k = 0; k < n; k++)
            {
                pw[k] = p;
                p = p * t;
            }

            double s2 = 0.0;
            for (int j = 0; j < n; j++)
            {
                s2 += pw[j] * x[j];
            }

            double c = 2.0 * s2;
            jac[i * n] = -c;
            for (int j = 1; j < n; j++)
            {
                jac[(i * n) + j] = (double)j * pw[j - 1] - c * pw[j];
            }
        }

        jac[29 * n] = 1.0;
        jac[30 * n] = -2.0 * x[0];
        jac[(30 * n) + 1] = 1.0;
    }

    // 12. Box three-dimensional function.
    private static void FBox3d(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2];
        for (int i = 0; i < m; i++)
        {
            double t = (double)(i + 1) / 10.0;
            f[i] = Cexp(-t * x1) - Cexp(-t * x2)
                - x3 * (Cexp(-t) - Cexp(-10.0 * t));
        }
    }

    private static void JBox3d(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1];
        for (int i = 0; i < m; i++)
        {
            double t = (double)(i + 1) / 10.0;
            jac[(i * 3) + 0] = -t * Cexp(-t * x1);
            jac[(i * 3) + 1] = t * Cexp(-t * x2);
            jac[(i * 3) + 2] = -(Cexp(-t) - Cexp(-10.0 * t));
        }
    }

    // 13. Jennrich and Sampson function.
    private static void FJennrichSampson(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        double x1 = x[0], x2 = x[1];
        for (int i = 0; i < m; i++)
        {
            double r = (double)(i + 1);
            f[i] = (2.0 + 2.0 * r) - (Cexp(r * x1) + Cexp(r * x2));
        }
    }

    private static void JJennrichSampson(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1];
        for (int i = 0; i < m; i++)
        {
            double r = (double)(i + 1);
            jac[(i * 2) + 0] = -r * Cexp(r * x1);
            jac[(i * 2) + 1] = -r * Cexp(r * x2);
        }
    }

    // 14. Brown and Dennis function.
    private static void FBrownDennis(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        for (int i = 0; i < m; i++)
        {
            double t = (double)(i + 1) / 5.0;
            double a = x1 + t * x2 - Cexp(t);
            double b = x3 + x4 * Math.Sin(t) - Math.Cos(t);
            f[i] = a * a + b * b;
        }
    }

    private static void JBrownDennis(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3];
        for (int i = 0; i < m; i++)
        {
            double t = (double)(i + 1) / 5.0;
            double s = Math.Sin(t);
            double a = x1 + t * x2 - Cexp(t);
            double b = x3 + x4 * s - Math.Cos(t);
            jac[(i * 4) + 0] = 2.0 * a;
            jac[(i * 4) + 1] = 2.0 * a * t;
            jac[(i * 4) + 2] = 2.0 * b;
            jac[(i * 4) + 3] = 2.0 * b * s;
        }
    }

    // 15. Chebyquad function.
    private static void FChebyquad(ReadOnlySpan<double> x, int m, Span<double> f)
    {
        int n = x.Length;

        // f doubles as mgh.py's accumulator acc.
        f[..m].Clear();
        for (int j = 0; j < n; j++)
        {
            double y = 2.0 * x[j] - 1.0;
            double y2 = 2.0 * y;
            double tkm1 = 1.0;
            double tk = y;
            for (int i = 0; i < m; i++)
            {
                f[i] += tk;
                double tkp1 = y2 * tk - tkm1;
                tkm1 = tk;
                tk = tkp1;
            }
        }

        double dx = 1.0 / (double)n;
        for (int i = 0; i < m; i++)
        {
            double v = dx * f[i];
            int k = i + 1;
            if (k % 2 == 0)
            {
                v = v + 1.0 / (double)(k * k - 1);
            }

            f[i] = v;
        }
    }

    private static void JChebyquad(ReadOnlySpan<double> x, int m, Span<double> jac)
    {
        int n = x.Length;
        double dx = 1.0 / (double)n;
        for (int j = 0; j < n; j++)
        {
            double y = 2.0 * x[j] - 1.0;
            double y2 = 2.0 * y;
            double tkm1 = 1.0;
            double tk = y;
            double dkm1 = 0.0;
            double dk = 2.0;
            for (int i = 0; i < m; i++)
            {
                jac[(i * n) + j] = dx * dk;
                double dkp1 = 4.0 * tk + y2 * dk - dkm1;
                double tkp1 = y2 * tk - tkm1;
                dkm1 = dk;
                dk = dkp1;
                tkm1 = tk;
                tk = tkp1;
            }
        }
    }

    // 16. Brown almost-linear function.
    private static void FBrownAlmostLinear(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        double s = 0.0;
        double p = 1.0;
        for (int j = 0; j < n; j++)
        {
            s += x[j];
            p = p * x[j];
        }

        double c = (double)(n + 1);
        for (int i = 0; i < n - 1; i++)
        {
            f[i] = x[i] + s - c;
        }

        f[n - 1] = p - 1.0;
    }

    private static void JBrownAlmostLinear(ReadOnlySpan<double> x, Span<double> jac)
    {
        int n = x.Length;
        for (int i = 0; i < n - 1; i++)
        {
            for (int j = 0; j < n; j++)
            {
                jac[(i * n) + j] = i == j ? 2.0 : 1.0;
            }
        }

        for (int j = 0; j < n; j++)
        {
            double p = 1.0;
            for (int k = 0; k < n; k++)
            {
                if (k != j)
                {
                    p = p * x[k];
                }
            }

            jac[((n - 1) * n) + j] = p;
        }
    }

    // 17. Osborne 1 function.
    private static void FOsborne1(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4];
        for (int i = 0; i < 33; i++)
        {
            double t = 10.0 * (double)i;
            f[i] = Osborne1Y[i] - (x1 + x2 * Cexp(-t * x4) + x3 * Cexp(-t * x5));
        }
    }

    private static void JOsborne1(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4];
        for (int i = 0; i < 33; i++)
        {
            double t = 10.0 * (double)i;
            double e4 = Cexp(-t * x4);
            double e5 = Cexp(-t * x5);
            jac[(i * 5) + 0] = -1.0;
            jac[(i * 5) + 1] = -e4;
            jac[(i * 5) + 2] = -e5;
            jac[(i * 5) + 3] = t * x2 * e4;
            jac[(i * 5) + 4] = t * x3 * e5;
        }
    }

    // 18. Osborne 2 function.
    private static void FOsborne2(ReadOnlySpan<double> x, Span<double> f)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4], x6 = x[5];
        double x7 = x[6], x8 = x[7], x9 = x[8], x10 = x[9], x11 = x[10];
        for (int i = 0; i < 65; i++)
        {
            double t = (double)i / 10.0;
            double d9 = t - x9;
            double d10 = t - x10;
            double d11 = t - x11;
            f[i] = Osborne2Y[i] - (x1 * Cexp(-t * x5)
                                   + x2 * Cexp(-d9 * d9 * x6)
                                   + x3 * Cexp(-d10 * d10 * x7)
                                   + x4 * Cexp(-d11 * d11 * x8));
        }
    }

    private static void JOsborne2(ReadOnlySpan<double> x, Span<double> jac)
    {
        double x1 = x[0], x2 = x[1], x3 = x[2], x4 = x[3], x5 = x[4], x6 = x[5];
        double x7 = x[6], x8 = x[7], x9 = x[8], x10 = x[9], x11 = x[10];
        for (int i = 0; i < 65; i++)
        {
            double t = (double)i / 10.0;
            double d9 = t - x9;
            double d10 = t - x10;
            double d11 = t - x11;
            double e1 = Cexp(-t * x5);
            double e2 = Cexp(-d9 * d9 * x6);
            double e3 = Cexp(-d10 * d10 * x7);
            double e4 = Cexp(-d11 * d11 * x8);
            int r = i * 11;
            jac[r + 0] = -e1;
            jac[r + 1] = -e2;
            jac[r + 2] = -e3;
            jac[r + 3] = -e4;
            jac[r + 4] = t * x1 * e1;
            jac[r + 5] = d9 * d9 * x2 * e2;
            jac[r + 6] = d10 * d10 * x3 * e3;
            jac[r + 7] = d11 * d11 * x4 * e4;
            jac[r + 8] = -2.0 * x2 * x6 * d9 * e2;
            jac[r + 9] = -2.0 * x3 * x7 * d10 * e3;
            jac[r + 10] = -2.0 * x4 * x8 * d11 * e4;
        }
    }
}

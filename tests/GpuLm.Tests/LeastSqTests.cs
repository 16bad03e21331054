using Xunit;

namespace GpuLm.Tests;

/// <summary>The leastsq facade: scipy's examples, options, bad input and failing problems.</summary>
public sealed class LeastSqTests
{
    private static readonly double[] DecayT = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] DecayY = [5.95, 4.37, 3.26, 2.61, 2.05, 1.75, 1.51, 1.40, 1.30, 1.24];

    private static void Parabola(ReadOnlySpan<double> x, Span<double> f)
    {
        double d = x[0] - 3.0;
        f[0] = 2.0 * (d * d) + 1.0;
    }

    private static void Decay(ReadOnlySpan<double> p, Span<double> f)
    {
        for (int i = 0; i < DecayT.Length; i++)
        {
            f[i] = p[0] * Math.Exp(-DecayT[i] / p[1]) + p[2] - DecayY[i];
        }
    }

    private static void DecayJacobian(ReadOnlySpan<double> p, Span<double> jac)
    {
        for (int i = 0; i < DecayT.Length; i++)
        {
            double e = Math.Exp(-DecayT[i] / p[1]);
            jac[i * 3 + 0] = e;
            jac[i * 3 + 1] = p[0] * e * DecayT[i] / (p[1] * p[1]);
            jac[i * 3 + 2] = 1.0;
        }
    }

    private static void DecayJacobianColumns(ReadOnlySpan<double> p, Span<double> jac)
    {
        int m = DecayT.Length;
        for (int i = 0; i < m; i++)
        {
            double e = Math.Exp(-DecayT[i] / p[1]);
            jac[0 * m + i] = e;
            jac[1 * m + i] = p[0] * e * DecayT[i] / (p[1] * p[1]);
            jac[2 * m + i] = 1.0;
        }
    }

    [Fact]
    public void Solve_ScipyDocstringExample_MatchesScipy()
    {
        LeastSqResult r = LeastSq.Solve(Parabola, 1, [0.0]);

        // scipy 1.10.1: leastsq(lambda x: 2*(x-3)**2+1, 0, full_output=True)
        Assert.Equal(2.99999999307631, r.X[0]);
        Assert.Equal(1, r.Ier);
        Assert.True(r.Success);
        Assert.Equal(21, r.Nfev);
        Assert.Equal([1.0], r.Fvec);
        Assert.Equal(-6.457169865555715e-08, r.Fjac[0, 0]);
        Assert.Equal([1], r.Ipvt);
        Assert.Equal([-1.0], r.Qtf);
        Assert.Equal(2.3983666544036753e+14, r.CovX![0, 0], 1e-12 * 2.4e14);
        Assert.Equal("Both actual and predicted relative reductions in the sum of squares\n  are at most 0.000000", r.Mesg);
    }

    [Fact]
    public void Solve_CurveFitWithDfun_MatchesScipy()
    {
        LeastSqResult r = LeastSq.Solve(Decay, DecayT.Length, [4.0, 1.0, 0.5], DecayJacobian);

        // scipy 1.10.1: leastsq(res, [4.0, 1.0, 0.5], Dfun=jac, full_output=True), math.exp.
        Assert.Equal([4.862072891707049, 2.505319584367999, 1.0939511781076485], r.X);
        Assert.Equal(1, r.Ier);
        Assert.Equal(6, r.Nfev);
        Assert.Equal(5, r.Njev);
        double[,] expected =
        {
            { 1.117273332904317, 0.29348195468045957, -0.4586644304083344 },
            { 0.29348195468045957, 2.144125954393634, -1.0040613212511718 },
            { -0.4586644304083344, -1.0040613212511718, 0.665989463290263 },
        };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], r.CovX![i, j], 1e-12);
            }
        }
    }

    [Fact]
    public void Solve_ColDeriv_GivesTheSameFitAsRowMajor()
    {
        LeastSqResult rows = LeastSq.Solve(Decay, DecayT.Length, [4.0, 1.0, 0.5], DecayJacobian);
        LeastSqResult cols = LeastSq.Solve(
            Decay, DecayT.Length, [4.0, 1.0, 0.5], DecayJacobianColumns, new LeastSqOptions { ColDeriv = true });

        Assert.Equal(rows.X, cols.X);
        Assert.Equal(rows.Nfev, cols.Nfev);
        Assert.Equal(rows.Fjac, cols.Fjac);
    }

    [Fact]
    public void Solve_DefaultMaxFev_Is100Or200TimesNPlusOne()
    {
        var options = new LeastSqOptions { Ftol = 0.0, Xtol = 0.0 };
        int calls = 0;
        void Counting(ReadOnlySpan<double> x, Span<double> f)
        {
            calls++;
            Parabola(x, f);
        }

        LeastSqResult fd = LeastSq.Solve(Counting, 1, [0.0], options: options);
        Assert.True(fd.Ier is 5 or 6 or 7 or 8, $"ier {fd.Ier}");
        Assert.True(fd.Nfev <= 400);
        Assert.Equal(calls, fd.Nfev);

        LeastSqResult limited = LeastSq.Solve(Parabola, 1, [0.0], options: options with { MaxFev = 7 });
        Assert.Equal(LeastSqStatus.MaxFevReached, limited.Ier);
        Assert.Equal(7, limited.Nfev);
        Assert.Equal("Number of calls to function has reached maxfev = 7.", limited.Mesg);
    }

    [Fact]
    public void Solve_FewerResidualsThanParameters_ThrowsNamingMAndN()
    {
        var e = Assert.Throws<ArgumentException>(() => LeastSq.Solve((x, f) => f[0] = x[0] + x[1], 1, [1.0, 2.0]));
        Assert.Equal("m", e.ParamName);
        Assert.Contains("Improper input: func (m=1) returned less than n=2", e.Message);
    }

    [Fact]
    public void Solve_EmptyX0_ThrowsNamingX0()
    {
        var e = Assert.Throws<ArgumentException>(() => LeastSq.Solve(Parabola, 1, []));
        Assert.Equal("x0", e.ParamName);
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Solve_NonFiniteX0_ThrowsNamingTheIndex(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => LeastSq.Solve(Decay, DecayT.Length, [4.0, bad, 0.5]));
        Assert.Equal("x0", e.ParamName);
        Assert.Contains("x0[1]", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Solve_DiagEntryNotPositiveFinite_ThrowsNamingTheEntry(double bad)
    {
        var options = new LeastSqOptions { Diag = [1.0, 1.0, bad] };
        var e = Assert.Throws<ArgumentException>(() => LeastSq.Solve(Decay, DecayT.Length, [4.0, 1.0, 0.5], options: options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("Diag[2]", e.Message);
    }

    [Fact]
    public void Solve_DiagOfWrongLength_ThrowsWithBothLengths()
    {
        var options = new LeastSqOptions { Diag = [1.0, 1.0] };
        var e = Assert.Throws<ArgumentException>(() => LeastSq.Solve(Decay, DecayT.Length, [4.0, 1.0, 0.5], options: options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("n=3", e.Message);
        Assert.Contains("has 2", e.Message);
    }

    [Fact]
    public void Solve_NegativeMaxFev_ThrowsWithTheValue()
    {
        var e = Assert.Throws<ArgumentException>(
            () => LeastSq.Solve(Parabola, 1, [0.0], options: new LeastSqOptions { MaxFev = -5 }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("-5", e.Message);
    }

    [Fact]
    public void Solve_NonFiniteEpsfcn_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => LeastSq.Solve(Parabola, 1, [0.0], options: new LeastSqOptions { Epsfcn = double.NaN }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("Epsfcn", e.Message);
    }

    [Fact]
    public void Solve_NullFunc_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => LeastSq.Solve(null!, 1, [0.0]));
    }

    public static TheoryData<LeastSqOptions> ImproperOptions() => new()
    {
        new LeastSqOptions { Ftol = -1e-8 },
        new LeastSqOptions { Xtol = -1e-8 },
        new LeastSqOptions { Gtol = -1e-8 },
        new LeastSqOptions { Factor = -100.0 },
        new LeastSqOptions { Factor = 0.0 },
        new LeastSqOptions { Ftol = double.NaN },
    };

    [Theory]
    [MemberData(nameof(ImproperOptions))]
    public void Solve_ImproperTolerancesOrFactor_GiveIer0WithoutCallingFunc(LeastSqOptions options)
    {
        int calls = 0;
        LeastSqResult r = LeastSq.Solve(
            (x, f) =>
            {
                calls++;
                Parabola(x, f);
            },
            1,
            [0.5],
            options: options);

        Assert.Equal(LeastSqStatus.ImproperInput, r.Ier);
        Assert.Equal("Improper input parameters.", r.Mesg);
        Assert.False(r.Success);
        Assert.Null(r.CovX);
        Assert.Equal([0.5], r.X);
        Assert.Equal(0, r.Nfev);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Solve_NaNResidualAtStart_StopsWithNonFiniteResidual()
    {
        LeastSqResult r = LeastSq.Solve((x, f) => f[0] = double.NaN, 1, [2.0]);

        Assert.Equal(LeastSqStatus.NonFiniteResidual, r.Ier);
        Assert.False(r.Success);
        Assert.Equal([2.0], r.X);
        Assert.Equal(1, r.Nfev);
        Assert.Null(r.CovX);
    }

    [Fact]
    public void Solve_ResidualNaNBeyondARegion_StopsAtTheLastFiniteIterate()
    {
        // f = x − 10 is finite for x < 1 and NaN beyond: the finite-difference Jacobian at an
        // iterate next to the edge steps over it, and the fit must stop there, not iterate on NaN.
        int nanCalls = 0;
        void Edge(ReadOnlySpan<double> x, Span<double> f)
        {
            if (x[0] >= 1.0)
            {
                nanCalls++;
                f[0] = double.NaN;
                f[1] = double.NaN;
                return;
            }

            f[0] = x[0] - 10.0;
            f[1] = 0.5 * (x[0] - 10.0);
        }

        LeastSqResult r = LeastSq.Solve(Edge, 2, [0.0]);

        Assert.True(r.Ier is LeastSqStatus.NonFiniteJacobian or >= 1, $"ier {r.Ier}");
        Assert.True(double.IsFinite(r.X[0]) && r.X[0] < 1.0, $"x {r.X[0]}");
        Assert.All(r.Fvec, v => Assert.True(double.IsFinite(v)));
        Assert.True(nanCalls > 0);
        Assert.True(r.Nfev < 400, $"nfev {r.Nfev}: the fit kept iterating");
    }

    [Fact]
    public void Solve_DfunWritesInfinity_StopsWithNonFiniteJacobian()
    {
        LeastSqResult r = LeastSq.Solve(
            Decay, DecayT.Length, [4.0, 1.0, 0.5], (p, jac) => jac.Fill(double.PositiveInfinity));

        Assert.Equal(LeastSqStatus.NonFiniteJacobian, r.Ier);
        Assert.Equal([4.0, 1.0, 0.5], r.X);
        Assert.Equal(1, r.Njev);
        Assert.Contains("non-finite", r.Mesg);
    }

    [Fact]
    public void Solve_NaNAtATrialPoint_IsARejectedStepAsInMinpack()
    {
        // f = (x − 3, sqrt(4 − x)): a trial step past x = 4 gives NaN. MINPACK's arithmetic
        // rejects such a step (actred = −1) and shrinks the trust region, as scipy does.
        void Sqrt(ReadOnlySpan<double> x, Span<double> f)
        {
            f[0] = x[0] - 3.0;
            f[1] = Math.Sqrt(4.0 - x[0]);
        }

        LeastSqResult r = LeastSq.Solve(Sqrt, 2, [-50.0]);

        Assert.True(r.Success, r.Mesg);
        Assert.True(r.X[0] < 4.0);
    }

    [Fact]
    public void Solve_FuncThrows_ExceptionPropagatesUnchanged()
    {
        var boom = new InvalidOperationException("model failed");
        var e = Assert.Throws<InvalidOperationException>(
            () => LeastSq.Solve((x, f) => throw boom, 1, [0.0]));
        Assert.Same(boom, e);
    }

    [Fact]
    public void Solve_DfunThrows_ExceptionPropagatesUnchanged()
    {
        var boom = new DivideByZeroException("jacobian failed");
        var e = Assert.Throws<DivideByZeroException>(
            () => LeastSq.Solve(Decay, DecayT.Length, [4.0, 1.0, 0.5], (p, jac) => throw boom));
        Assert.Same(boom, e);
    }

    [Theory]
    [InlineData(0, "Improper input parameters.")]
    [InlineData(2, "The relative error between two consecutive iterates is at most 0.000000")]
    [InlineData(4, "The cosine of the angle between func(x) and any column of the\n  Jacobian is at most 0.000000 in absolute value")]
    [InlineData(6, "ftol=0.000000 is too small, no further reduction in the sum of squares\n  is possible.")]
    [InlineData(7, "xtol=0.000000 is too small, no further improvement in the approximate\n  solution is possible.")]
    [InlineData(8, "gtol=0.000000 is too small, func(x) is orthogonal to the columns of\n  the Jacobian to machine precision.")]
    [InlineData(99, "Unknown error.")]
    public void Message_EachIer_IsScipysWording(int ier, string expected)
    {
        Assert.Equal(expected, LeastSqStatus.Message(ier, 1.49012e-8, 1.49012e-8, 0.0, 600));
    }

    [Fact]
    public void Message_Ier3_IsScipysWordingWithTolerances()
    {
        Assert.Equal(
            "Both actual and predicted relative reductions in the sum of squares\n  are at most 0.500000 and the relative error between two consecutive iterates is at \n  most 0.250000",
            LeastSqStatus.Message(3, 0.5, 0.25, 0.0, 600));
    }
}

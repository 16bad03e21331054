using Xunit;

namespace GpuLm.Tests.Reference;

/// <summary>
/// Every leastsq option against scipy 1.10.1 on MINPACK-1 problems: diag (mode 2), factor,
/// epsfcn, gtol, ftol/xtol and maxfev. Expected values were produced by scipy 1.10.1 leastsq
/// with mgh.py's functions (the doubles of x as IEEE bit patterns).
/// </summary>
public sealed class MghOptionsTests
{
    public sealed record OptionCase(
        string CaseId, bool Analytic, LeastSqOptions Options, ulong[] XBits, int Nfev, int Njev, int Ier)
    {
        public override string ToString() => $"{CaseId} {(Analytic ? "lmder" : "lmdif")} {Options}";
    }

    public static TheoryData<OptionCase> Cases() => new()
    {
            new("04_rosenbrock_n2_m2_x1", false, new LeastSqOptions { Diag = [1.0, 100.0] }, [0x3FF0000000000000UL, 0x3FF0000000000000UL], 74, -1, 2),
            new("04_rosenbrock_n2_m2_x1", true, new LeastSqOptions { Diag = [1.0, 100.0], Factor = 1.0 }, [0x3FB1615C02D9E988UL, 0xBFB2AFA31AFB4E28UL], 300, 294, 5),
            new("07_freudenstein_roth_n2_m2_x1", true, new LeastSqOptions { Factor = 0.1 }, [0x4026D3483B3D7D99UL, 0xBFECB2B8B33A346DUL], 17, 11, 1),
            new("08_bard_n3_m15_x1", false, new LeastSqOptions { Epsfcn = 1e-10 }, [0x3FB518DC0D965F16UL, 0x3FF220EB0F57F946UL, 0x4002BFE2F763BD98UL], 21, -1, 1),
            new("09_kowalik_osborne_n4_m11_x1", false, new LeastSqOptions { Gtol = 1e-3 }, [0x3FC8B0D1A5AB3EC5UL, 0x3FC8379DA25B7350UL, 0x3FBF64916CD34B8EUL, 0x3FC14B1A6787646FUL], 36, -1, 4),
            new("17_osborne1_n5_m33_x1", true, new LeastSqOptions { Ftol = 1e-4, Xtol = 1e-4, MaxFev = 30 }, [0x3FD806B7DF05F113UL, 0x3FFEF93A3A2B3868UL, 0xBFF76F5B6453DD3AUL, 0x3F8A5A4B2A9FF583UL, 0x3F96A755584AA52CUL], 18, 15, 3),
            new("17_osborne1_n5_m33_x1", false, new LeastSqOptions { MaxFev = 40 }, [0x3FD7D9AAF18C6D85UL, 0x3FFAFF5C40314EF6UL, 0xBFF36CDFCF468B6EUL, 0x3F8929C3C072A895UL, 0x3F97E94F2EA6C9DCUL], 45, -1, 5),
            new("10_meyer_n3_m16_x1", true, new LeastSqOptions { Diag = [1e3, 1e-3, 1.0], Xtol = 1e-12 }, [0x3F76FA2153133496UL, 0x40B82558AA22944CUL, 0x4075939401E43745UL], 121, 108, 1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_WithOption_MatchesScipyBitForBit(OptionCase c)
    {
        MghCase problem = MghProblems.Find(c.CaseId);

        LeastSqResult r = LeastSq.Solve(
            problem.Residuals, problem.M, problem.X0, c.Analytic ? problem.Jacobian : null, c.Options);

        Assert.Equal(c.Ier, r.Ier);
        Assert.Equal(c.Nfev, r.Nfev);
        if (c.Analytic)
        {
            Assert.Equal(c.Njev, r.Njev);
        }

        Assert.Equal(c.XBits, r.X.Select(BitConverter.DoubleToUInt64Bits).ToArray());
    }
}

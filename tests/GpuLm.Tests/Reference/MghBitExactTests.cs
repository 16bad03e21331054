using Xunit;

namespace GpuLm.Tests.Reference;

/// <summary>
/// The CPU MINPACK port against scipy 1.10.1 leastsq on the 56 MINPACK-1 reference runs:
/// every output bit for bit (cov_x to 1e-12, as scipy forms it with BLAS).
/// </summary>
public sealed class MghBitExactTests
{
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (MghReferenceRun run in MghReference.Runs())
        {
            data.Add(run.CaseId, run.Mode);
        }

        return data;
    }

    [Fact]
    public void Reference_HoldsAll56Runs()
    {
        Assert.Equal(56, MghReference.Runs().Count);
        Assert.Equal(28, MghReference.Runs().Select(r => r.CaseId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Solve_MghCase_MatchesScipyBitForBit(string caseId, string mode)
    {
        MghReferenceRun reference = MghReference.Find(caseId, mode);
        MghCase problem = MghProblems.Find(caseId);
        Assert.Equal(reference.X0, problem.X0);

        LeastSqResult result = LeastSq.Solve(
            problem.Residuals, problem.M, problem.X0, reference.Analytic ? problem.Jacobian : null);

        Assert.Equal(reference.Ier, result.Ier);
        Assert.Equal(reference.Nfev, result.Nfev);
        if (reference.Njev is { } njev)
        {
            Assert.Equal(njev, result.Njev);
        }

        AssertBitwise("x", reference.X, result.X);
        AssertBitwise("fvec", reference.Fvec, result.Fvec);
        AssertBitwise("qtf", reference.Qtf, result.Qtf);
        Assert.Equal(reference.Ipvt, result.Ipvt);
        for (int j = 0; j < problem.N; j++)
        {
            AssertBitwise($"fjac[{j}]", reference.Fjac[j], Row(result.Fjac, j));
        }

        if (reference.CovX is null)
        {
            Assert.Null(result.CovX);
        }
        else
        {
            Assert.NotNull(result.CovX);
            AssertCovarianceClose(reference.CovX, result.CovX);
        }
    }

    private static double[] Row(double[,] a, int row) =>
        Enumerable.Range(0, a.GetLength(1)).Select(c => a[row, c]).ToArray();

    private static void AssertBitwise(string what, double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    /// <summary>Entrywise to 1e-12 of the matrix's largest entry: scipy's product goes
    /// through BLAS, whose summation order is its own, and a relative test on entries that
    /// nearly cancel would measure only that.</summary>
    private static void AssertCovarianceClose(double[][] expected, double[,] actual)
    {
        int n = expected.Length;
        double scale = expected.SelectMany(r => r).Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double diff = Math.Abs(expected[i][j] - actual[i, j]);
                Assert.True(diff <= 1e-12 * scale, $"cov_x[{i},{j}]: expected {expected[i][j]:R}, got {actual[i, j]:R}");
            }
        }
    }
}

using GpuLm.Host;
using GpuLm.Host.OpenCL;
using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The device code against the CPU port bit for bit, on a model without transcendental
/// functions (so libm plays no part): every output, every option, every batch size and chunk
/// size, at a team of one.
/// </summary>
public abstract class ExactnessSuite(DeviceFixture fixture)
{
    private static readonly Model Rational = Model.Parse("a/(1 + t/tau) + b", ["a", "tau", "b"], ["t"]);

    public static TheoryData<JacobianMode> Modes() => [JacobianMode.Analytic, JacobianMode.FiniteDifferences];

    [OpenCLTheory]
    [MemberData(nameof(Modes))]
    public void Fit_RationalModelAllOutputs_BitIdenticalToCpu(JacobianMode mode)
    {
        FitBatch batch = RationalBatch(500, seed: 3, weighted: false);
        var options = new FitOptions { Jacobian = mode, Outputs = FitOutputs.All };
        AssertIdentical(fixture.Cpu.Fit(batch, options), fixture.Team(1).Fit(batch, options));
    }

    [OpenCLFact]
    public void Fit_PerRowOptionsWeightsDiagAndBadRows_BitIdenticalToCpu()
    {
        const int rows = 300;
        FitBatch batch = RationalBatch(rows, seed: 4, weighted: true);
        batch.Y[5 * batch.PointCount] = double.NaN;
        batch.Weights![(9 * batch.PointCount) + 2] = -1.0;
        var rng = new Random(8);
        var options = new FitOptions
        {
            LeastSq = new LeastSqOptions { Factor = 10.0, Diag = [1.0, 2.0, 0.5], Epsfcn = 1e-12 },
            Ftol = [.. Enumerable.Range(0, rows).Select(_ => Math.Pow(10, -4 - (8 * rng.NextDouble())))],
            Xtol = [.. Enumerable.Range(0, rows).Select(_ => Math.Pow(10, -4 - (8 * rng.NextDouble())))],
            Gtol = [.. Enumerable.Range(0, rows).Select(r => r % 3 == 0 ? 1e-3 : 0.0)],
            MaxFev = [.. Enumerable.Range(0, rows).Select(r => r % 4 == 0 ? 3 : 0)],
            Outputs = FitOutputs.All,
        };
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            FitOptions o = options with { Jacobian = mode };
            FitResult device = fixture.Team(1).Fit(batch, o);
            AssertIdentical(fixture.Cpu.Fit(batch, o), device);
            Assert.Equal(LeastSqStatus.InvalidInput, device.Ier[5]);
            Assert.Equal(LeastSqStatus.InvalidInput, device.Ier[9]);
            Assert.Contains(5, device.Ier);
        }
    }

    /// <summary>Several problems to a work-group (sub-teams of one): every output bit-identical to
    /// the CPU's, on a batch that fills no group evenly, with per-row options and bad rows.</summary>
    public static TheoryData<int> ProblemsPerGroup() => [2, 7, 32, 64];

    [OpenCLTheory]
    [MemberData(nameof(ProblemsPerGroup))]
    public void Fit_SeveralProblemsPerWorkGroup_BitIdenticalToCpu(int problemsPerGroup)
    {
        const int rows = 101;
        FitBatch batch = RationalBatch(rows, seed: 6, weighted: true);
        batch.Y[(rows - 1) * batch.PointCount] = double.PositiveInfinity;
        var options = new FitOptions
        {
            MaxFev = [.. Enumerable.Range(0, rows).Select(r => r % 5 == 0 ? 4 : 0)],
            Outputs = FitOutputs.All,
        };
        Accelerator packed = fixture.Packed(problemsPerGroup);
        Assert.Equal(problemsPerGroup, fixture.ProblemsPerGroupOf(packed));
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            FitOptions o = options with { Jacobian = mode };
            FitResult device = packed.Fit(batch, o);
            AssertIdentical(fixture.Cpu.Fit(batch, o), device);
            Assert.Equal(LeastSqStatus.InvalidInput, device.Ier[rows - 1]);
            Assert.Contains(5, device.Ier);
        }
    }

    /// <summary>Batch sizes 1, 31, 32 and 33 for teams of one, four and 32 (every team size is
    /// checked against the CPU in <see cref="TeamSuite"/>).</summary>
    public static TheoryData<int, int> TeamsAndBatchSizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int team in new[] { 1, 4, 32 })
        {
            foreach (int rows in new[] { 1, 31, 32, 33 })
            {
                data.Add(team, rows);
            }
        }

        return data;
    }

    [OpenCLTheory]
    [MemberData(nameof(TeamsAndBatchSizes))]
    public void Fit_BatchSize_RowsIdenticalToTheFullBatch(int team, int rows)
    {
        FitBatch full = ParityData.Decay(40, seed: 32);
        int m = full.PointCount;
        var part = new FitBatch(
            full.Model, rows, m, full.Y.AsSpan(0, rows * m).ToArray(), full.Variables, full.X0.AsSpan(0, rows * 3).ToArray());
        FitResult whole = fixture.Team(team).Fit(full);
        FitResult some = fixture.Team(team).Fit(part);
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(whole.Ier[r], some.Ier[r]);
            Assert.Equal(whole.Nfev[r], some.Nfev[r]);
            Assert.Equal(whole.X.AsSpan(r * 3, 3).ToArray(), some.X.AsSpan(r * 3, 3).ToArray());
        }
    }

    [OpenCLFact]
    public void Fit_BatchLargerThanOneChunk_IdenticalToOneLaunchWithProgressPerChunk()
    {
        FitBatch batch = ParityData.Decay(100, seed: 21);
        var options = new FitOptions { Outputs = FitOutputs.All };
        FitResult one = fixture.Team(1).Fit(batch, options);
        using Accelerator chunked = fixture.Chunked(7);
        var reports = new List<FitProgress>();
        FitResult many = chunked.Fit(batch, options, new SynchronousProgress(reports.Add));
        AssertIdentical(one, many);
        Assert.Equal(15, reports.Count);
        Assert.Equal(100, reports[^1].RowsDone);
    }

    [OpenCLFact]
    public void Fit_CancelledAfterTheFirstChunk_KeepsEveryChunkLaunchedAndMarksTheRestNotRun()
    {
        // Two chunks are in flight at once: when the first is reported, the second is already
        // on the device, and it is read back and kept; the chunks after it are not run.
        FitBatch batch = ParityData.Decay(100, seed: 21);
        var options = new FitOptions { Outputs = FitOutputs.All };
        FitResult whole = fixture.Team(1).Fit(batch, options);
        using Accelerator chunked = fixture.Chunked(10);
        using var cancel = new CancellationTokenSource();
        var reports = new List<FitProgress>();
        FitResult part = chunked.Fit(batch, options, new SynchronousProgress(p => { reports.Add(p); cancel.Cancel(); }), cancel.Token);
        Assert.True(part.Cancelled);
        Assert.Equal([10, 20], reports.Select(p => p.RowsDone));
        for (int r = 0; r < 100; r++)
        {
            if (r < 20)
            {
                Assert.Equal(whole.Ier[r], part.Ier[r]);
                Assert.Equal(whole.X.AsSpan(r * 3, 3).ToArray(), part.X.AsSpan(r * 3, 3).ToArray());
                int size = 3 * batch.PointCount;
                Assert.Equal(whole.Fjac.AsSpan(r * size, size).ToArray(), part.Fjac.AsSpan(r * size, size).ToArray());
            }
            else
            {
                Assert.Equal(LeastSqStatus.NotRun, part.Ier[r]);
                Assert.True(double.IsNaN(part.X[r * 3]));
            }
        }
    }

    [OpenCLFact]
    public void Fit_CancelledBeforeStart_MarksEveryRowNotRun()
    {
        FitBatch batch = ParityData.Decay(20, seed: 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        FitResult result = fixture.Team(1).Fit(batch, null, null, cancelled.Token);
        Assert.True(result.Cancelled);
        Assert.All(result.Ier, ier => Assert.Equal(LeastSqStatus.NotRun, ier));
    }

    [OpenCLFact]
    public void Fit_NonFiniteResidualAndJacobian_SameStatusesAsCpu()
    {
        Model model = Model.Parse("a*log(t - c)", ["a", "c"], ["t"]);
        double[] t = [1, 2, 3, 4, 5];
        double[] y = [0.0, 0.7, 1.1, 1.4, 1.6, 0.0, 0.7, 1.1, 1.4, 1.6];
        var batch = new FitBatch(model, 2, 5, y, t, [1.0, 0.0, 1.0, 2.0]);
        FitResult cpu = fixture.Cpu.Fit(batch);
        FitResult device = fixture.Team(1).Fit(batch);
        Assert.Equal(cpu.Ier, device.Ier);
        Assert.Equal(LeastSqStatus.NonFiniteResidual, device.Ier[1]);
    }

    /// <summary>y = a/(1 + t/tau) + b + noise on m = 24 points, x0 scattered around the truth.</summary>
    internal static FitBatch RationalBatch(int rows, int seed, bool weighted)
    {
        const int m = 24;
        var rng = new Random(seed);
        double[] t = [.. Enumerable.Range(0, m).Select(i => i * 0.5)];
        var y = new double[rows * m];
        var x0 = new double[rows * 3];
        double[]? w = weighted ? new double[rows * m] : null;
        for (int r = 0; r < rows; r++)
        {
            double a = 20 + 80 * rng.NextDouble();
            double tau = 0.5 + 3 * rng.NextDouble();
            double b = 2 + 5 * rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                y[(r * m) + i] = (a / (1 + (t[i] / tau))) + b + (r % 17 == 3 ? 30 : 1) * Batch.SyntheticData.Gaussian(rng);
                if (w is not null)
                {
                    w[(r * m) + i] = 0.5 + rng.NextDouble();
                }
            }

            x0[3 * r] = a * (0.5 + rng.NextDouble());
            x0[(3 * r) + 1] = r % 23 == 0 ? 100.0 : tau * (0.5 + rng.NextDouble());
            x0[(3 * r) + 2] = b + rng.NextDouble();
        }

        return new FitBatch(Rational, rows, m, y, t, x0, w);
    }

    internal static void AssertIdentical(FitResult expected, FitResult actual)
    {
        Assert.Equal(expected.Ier, actual.Ier);
        Assert.Equal(expected.Nfev, actual.Nfev);
        Assert.Equal(expected.Njev, actual.Njev);
        AssertBits(expected.X, actual.X, "X");
        AssertBits(expected.Fnorm, actual.Fnorm, "Fnorm");
        AssertBits(expected.Fvec, actual.Fvec, "Fvec");
        AssertBits(expected.Qtf, actual.Qtf, "Qtf");
        AssertBits(expected.CovX, actual.CovX, "CovX");
        Assert.Equal(expected.Ipvt, actual.Ipvt);
        if (expected.Fjac is not null)
        {
            // scipy's fjac of a row that stopped before its first factorization is whatever the
            // workspace held; compare rows that factored.
            int nm = expected.ParameterCount * expected.PointCount;
            for (int r = 0; r < expected.ProblemCount; r++)
            {
                if (expected.Njev[r] > 0 && expected.Ier[r] != LeastSqStatus.NonFiniteJacobian)
                {
                    AssertBits(expected.Fjac.AsSpan(r * nm, nm).ToArray(), actual.Fjac!.AsSpan(r * nm, nm).ToArray(), $"Fjac row {r}");
                }
            }
        }
    }

    private static void AssertBits(double[]? expected, double[]? actual, string what)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null)
        {
            return;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            long e = BitConverter.DoubleToInt64Bits(expected[i]);
            long a = BitConverter.DoubleToInt64Bits(actual![i]);
            Assert.True(e == a || (double.IsNaN(expected[i]) && double.IsNaN(actual[i])), $"{what}[{i}]: CPU {expected[i]:R}, device {actual[i]:R}");
        }
    }

    /// <summary>An IProgress that reports on the calling thread.</summary>
    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}

/// <summary><see cref="ExactnessSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLExactnessTests(OpenCLFixture fixture) : ExactnessSuite(fixture), IClassFixture<OpenCLFixture>;

/// <summary><see cref="ExactnessSuite"/> on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuExactnessTests(IlgpuCpuFixture fixture) : ExactnessSuite(fixture), IClassFixture<IlgpuCpuFixture>;

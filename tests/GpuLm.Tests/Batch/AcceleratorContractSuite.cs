using GpuLm.Host;
using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>
/// The contract every accelerator keeps, run once per accelerator through a thin sealed
/// subclass: rows equal to <see cref="LeastSq.Solve"/>'s, known parameters recovered, a status
/// per row (noise, unusable input, per-row options), cancellation, progress, argument checks and
/// <see cref="FitResultRow"/>'s conveniences.
/// </summary>
public abstract class AcceleratorContractSuite(ContractFixture fixture)
{
    /// <summary>The row as a scipy-style problem solved by the facade, with the residuals
    /// formed exactly as the batch forms them.</summary>
    internal static LeastSqResult SolveRowWithFacade(FitBatch batch, int row, FitOptions options)
    {
        CompiledModel model = batch.Model.Compile();
        int m = batch.PointCount;
        int n = batch.ParameterCount;
        int vo = (int)batch.VariablesOffset(row);
        double[] p = new double[n];
        double[] f = new double[m];
        double[] jac = new double[m * n];
        void Func(ReadOnlySpan<double> x, Span<double> fvec)
        {
            x.CopyTo(p);
            model.Values(p, batch.Variables, vo, m, f);
            for (int i = 0; i < m; i++)
            {
                double d = f[i] - batch.Y[row * m + i];
                fvec[i] = batch.Weights is null ? d : batch.Weights[row * m + i] * d;
            }
        }

        void Dfun(ReadOnlySpan<double> x, Span<double> fjac)
        {
            x.CopyTo(p);
            model.Jacobian(p, batch.Variables, vo, m, jac);
            for (int k = 0; k < m * n; k++)
            {
                fjac[k] = batch.Weights is null ? jac[k] : batch.Weights[row * m + (k % m)] * jac[k];
            }
        }

        bool analytic = options.Jacobian == JacobianMode.Analytic;
        return LeastSq.Solve(
            Func, m, batch.X0.AsSpan((int)batch.X0Offset(row), n), analytic ? Dfun : null,
            options.LeastSq with { ColDeriv = analytic });
    }

    [AcceleratorFact]
    public void Fit_WeightedRows_EqualLeastSqSolveBitForBit()
    {
        var rng = new Random(5);
        double[] weights = Enumerable.Range(0, 50 * 32).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        (FitBatch batch, _) = SyntheticData.Decay(50, seed: 12, weights: weights);

        FitResult result = fixture.Accelerator.Fit(batch);

        // exp is glibc's on every accelerator; where Math.Exp is another libm's, only the CPU is exact.
        if (!fixture.ExactLibm)
        {
            return;
        }

        for (int row = 0; row < batch.ProblemCount; row++)
        {
            LeastSqResult expected = SolveRowWithFacade(batch, row, FitOptions.Default);
            Assert.Equal(Bits(expected.X), Bits(result.Row(row).X));
            Assert.Equal(expected.Nfev, result.Nfev[row]);
        }
    }
    [AcceleratorFact]
    public void Fit_DecayPixels_RecoverTruthWithinThreeStandardErrors()
    {
        (FitBatch batch, double[] truth) = SyntheticData.Decay(10_000, seed: 21);

        FitResult result = fixture.Accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX | FitOutputs.Fvec });

        Assert.True(RecoveredFraction(result, truth) >= 0.99, $"recovered {RecoveredFraction(result, truth):P2}");
    }
    [AcceleratorFact]
    public void Fit_PeakSpectra_RecoverTruthWithinThreeStandardErrors()
    {
        (FitBatch batch, double[] truth) = SyntheticData.Peak(1_000, seed: 22);

        FitResult result = fixture.Accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX | FitOutputs.Fvec });

        Assert.True(RecoveredFraction(result, truth) >= 0.99, $"recovered {RecoveredFraction(result, truth):P2}");
    }
    [AcceleratorFact]
    public void Fit_PureNoiseRows_EndWithAStatusNotAnException()
    {
        const int rows = 500;
        const int m = 32;
        var rng = new Random(23);
        double[] t = Enumerable.Range(0, m).Select(i => i * 0.25).ToArray();
        double[] y = Enumerable.Range(0, rows * m).Select(_ => SyntheticData.Gaussian(rng)).ToArray();
        var batch = new FitBatch(ModelCatalog.Get("exp_decay").Model, rows, m, y, t, [100.0, 2.0, 7.0]);

        FitResult result = fixture.Accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX });

        Assert.False(result.Cancelled);
        Assert.All(result.Ier, ier => Assert.InRange(ier, -2, 8));
        Assert.All(Enumerable.Range(0, rows), r => Assert.False(string.IsNullOrEmpty(result.Mesg(r))));
    }
    [AcceleratorFact]
    public void Fit_SomeRowsInvalid_MarksThoseAndFitsTheRest()
    {
        (FitBatch good, _) = SyntheticData.Decay(6, seed: 31);
        double[] y = (double[])good.Y.Clone();
        double[] x0 = (double[])good.X0.Clone();
        double[] w = Enumerable.Repeat(1.0, 6 * 32).ToArray();
        y[1 * 32 + 5] = double.NaN;          // row 1: NaN in y
        x0[2 * 3 + 1] = double.PositiveInfinity; // row 2: infinite x0
        w[3 * 32 + 7] = 0.0;                 // row 3: a zero weight
        w[4 * 32 + 0] = -1.0;                // row 4: a negative weight
        var batch = new FitBatch(good.Model, 6, 32, y, good.Variables, x0, w);

        FitResult result = fixture.Accelerator.Fit(batch);

        Assert.Equal(
            [1, LeastSqStatus.InvalidInput, LeastSqStatus.InvalidInput, LeastSqStatus.InvalidInput, LeastSqStatus.InvalidInput, 1],
            result.Ier.Select(i => LeastSqStatus.IsSuccess(i) ? 1 : i).ToArray());
        Assert.Equal(0, result.Nfev[1]);
        Assert.True(double.IsNaN(result.Fnorm[1]));
        Assert.Equal(double.PositiveInfinity, result.X[2 * 3 + 1]);
        Assert.Contains("Invalid input", result.Mesg(3));
    }
    [AcceleratorFact]
    public void Fit_PerRowOptions_ApplyToTheirRowOnly()
    {
        (FitBatch batch, _) = SyntheticData.Decay(4, seed: 32);
        var options = new FitOptions
        {
            MaxFev = [0, 3, 0, 0],
            Ftol = [1.49012e-8, 1.49012e-8, -1.0, 1.49012e-8],
            Xtol = [1.49012e-8, 1.49012e-8, 1.49012e-8, 1e-3],
        };

        FitResult result = fixture.Accelerator.Fit(batch, options);

        Assert.True(LeastSqStatus.IsSuccess(result.Ier[0]));
        Assert.Equal(LeastSqStatus.MaxFevReached, result.Ier[1]);
        Assert.Equal(3, result.Nfev[1]);
        Assert.Equal("Number of calls to function has reached maxfev = 3.", result.Mesg(1));
        Assert.Equal(LeastSqStatus.ImproperInput, result.Ier[2]);
        Assert.True(LeastSqStatus.IsSuccess(result.Ier[3]));
    }
    [AcceleratorFact]
    public void Fit_CancelledBeforeStart_MarksEveryRowNotRun()
    {
        (FitBatch batch, _) = SyntheticData.Decay(100, seed: 41);

        FitResult result = fixture.Accelerator.Fit(batch, cancellationToken: new CancellationToken(canceled: true));

        Assert.True(result.Cancelled);
        Assert.All(result.Ier, ier => Assert.Equal(LeastSqStatus.NotRun, ier));
        Assert.All(result.X, x => Assert.True(double.IsNaN(x)));
        Assert.StartsWith("Not run", result.Mesg(0), StringComparison.Ordinal);
    }
    [AcceleratorFact]
    public void Fit_WithProgress_ReportsTheWholeBatchAtTheEnd()
    {
        (FitBatch batch, _) = SyntheticData.Decay(300, seed: 43);
        var reports = new List<FitProgress>();

        fixture.Accelerator.Fit(batch, progress: new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        }));

        Assert.NotEmpty(reports);
        Assert.Equal(300, reports[^1].RowsDone);
        Assert.Equal(300, reports[^1].RowsTotal);
    }
    [AcceleratorFact]
    public void Fit_OptionsOfTheWrongLength_ThrowNamingTheArray()
    {
        (FitBatch batch, _) = SyntheticData.Decay(4, seed: 44);

        var e = Assert.Throws<ArgumentException>(() => fixture.Accelerator.Fit(batch, new FitOptions { Ftol = [1e-8, 1e-8] }));
        Assert.Contains("Ftol", e.Message);
        Assert.Contains("B=4", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => fixture.Accelerator.Fit(batch, new FitOptions { MaxFev = [0, -1, 0, 0] }));
        Assert.Contains("MaxFev[1]", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(
            () => fixture.Accelerator.Fit(batch, new FitOptions { LeastSq = new LeastSqOptions { Diag = [1.0] } }));
        Assert.Contains("n=3", e3.Message);
    }
    [AcceleratorFact]
    public void Fit_Disposed_Throws()
    {
        (FitBatch batch, _) = SyntheticData.Decay(2, seed: 45);
        Accelerator accelerator = fixture.CreateNew();
        accelerator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => accelerator.Fit(batch));
    }
    [AcceleratorFact]
    public void Row_Conveniences_GiveCurveFitPcovAndStandardErrors()
    {
        (FitBatch batch, _) = SyntheticData.Decay(3, seed: 46);

        FitResult result = fixture.Accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX | FitOutputs.Fvec });
        FitResultRow row = result.Row(0);

        double rss = row.Fvec!.Sum(v => v * v);
        double[,] pcov = row.Pcov()!;
        Assert.Equal(row.CovX![1, 1] * rss / (32 - 3), pcov[1, 1], 1e-12);
        Assert.Equal(Math.Sqrt(pcov[2, 2]), row.StandardErrors()![2]);
        Assert.Equal(row.Fnorm * row.Fnorm, rss, 1e-9 * rss);
    }
    /// <summary>The smallest, over the parameters, fraction of rows whose estimate lies within
    /// three standard errors of the truth (99.73 % expected for each parameter); a row that
    /// did not succeed counts as missed.</summary>
    private static double RecoveredFraction(FitResult result, double[] truth)
    {
        int n = result.ParameterCount;
        int[] within = new int[n];
        for (int row = 0; row < result.ProblemCount; row++)
        {
            FitResultRow r = result.Row(row);
            double[]? se = r.StandardErrors();
            if (!r.Success || se is null)
            {
                continue;
            }

            for (int j = 0; j < n; j++)
            {
                within[j] += Math.Abs(r.X[j] - truth[row * n + j]) <= 3 * se[j] ? 1 : 0;
            }
        }

        return (double)within.Min() / result.ProblemCount;
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts).</summary>
    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}

/// <summary>One accelerator for a contract suite's subclass, created on first use.</summary>
public abstract class ContractFixture : IDisposable
{
    private readonly Lazy<Accelerator> _accelerator;

    /// <summary>Creates the fixture.</summary>
    protected ContractFixture()
    {
        _accelerator = new Lazy<Accelerator>(CreateNew);
    }

    /// <summary>The accelerator the suite fits on.</summary>
    public Accelerator Accelerator => _accelerator.Value;

    /// <summary>Whether results are the facade's bit for bit on models that call exp: always on
    /// the CPU, and on a device where the host's Math.Exp is the glibc build the device's exp reproduces.</summary>
    public bool ExactLibm => Accelerator.Kind == AcceleratorKind.Cpu || OpenCL.HostExp.IsGlibcFma;

    /// <summary>A new accelerator of this kind; the caller disposes it.</summary>
    public abstract Accelerator CreateNew();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_accelerator.IsValueCreated)
        {
            _accelerator.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The native CPU accelerator on two threads.</summary>
public sealed class CpuContractFixture : ContractFixture
{
    /// <inheritdoc/>
    public override Accelerator CreateNew() => Accelerators.Cpu(2);
}

/// <summary>The device kernel on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuContractFixture : ContractFixture
{
    /// <inheritdoc/>
    public override Accelerator CreateNew() => Accelerators.IlgpuCpu();
}

/// <summary>The device kernel on the first OpenCL device.</summary>
public sealed class OpenCLContractFixture : ContractFixture
{
    /// <inheritdoc/>
    public override Accelerator CreateNew() => Accelerators.OpenCL();
}

/// <summary><see cref="AcceleratorContractSuite"/> on the native CPU accelerator.</summary>
public sealed class CpuContractTests(CpuContractFixture fixture) : AcceleratorContractSuite(fixture), IClassFixture<CpuContractFixture>;

/// <summary><see cref="AcceleratorContractSuite"/> on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuContractTests(IlgpuCpuContractFixture fixture) : AcceleratorContractSuite(fixture), IClassFixture<IlgpuCpuContractFixture>;

/// <summary><see cref="AcceleratorContractSuite"/> on ILGPU's OpenCL accelerator.</summary>
[NeedsOpenCL]
public sealed class OpenCLContractTests(OpenCLContractFixture fixture) : AcceleratorContractSuite(fixture), IClassFixture<OpenCLContractFixture>;

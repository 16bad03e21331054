using GpuLm.Host;
using GpuLm.Host.Cpu;
using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>scipy-style func/Dfun batches with per-problem args on the CPU accelerator.</summary>
public sealed class FunctionBatchTests
{
    private sealed record Line(double[] T, double[] Y);

    private static void Residuals(ReadOnlySpan<double> p, Span<double> f, Line data)
    {
        for (int i = 0; i < data.T.Length; i++)
        {
            f[i] = p[0] * Math.Exp(-data.T[i] / p[1]) + p[2] - data.Y[i];
        }
    }

    private static void Jacobian(ReadOnlySpan<double> p, Span<double> jac, Line data)
    {
        for (int i = 0; i < data.T.Length; i++)
        {
            double e = Math.Exp(-data.T[i] / p[1]);
            jac[i * 3] = e;
            jac[i * 3 + 1] = p[0] * e * data.T[i] / (p[1] * p[1]);
            jac[i * 3 + 2] = 1.0;
        }
    }

    private static Line[] Problems(int count)
    {
        var rng = new Random(7);
        return Enumerable.Range(0, count).Select(_ =>
        {
            double[] t = Enumerable.Range(0, 20).Select(i => i * 0.5).ToArray();
            double a = 10 + 10 * rng.NextDouble();
            double tau = 1 + 2 * rng.NextDouble();
            return new Line(t, t.Select(v => a * Math.Exp(-v / tau) + 1 + 0.05 * SyntheticData.Gaussian(rng)).ToArray());
        }).ToArray();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Fit_FunctionBatch_EqualsLeastSqSolvePerProblem(bool withJacobian)
    {
        Line[] problems = Problems(64);
        var batch = new FunctionBatch<Line>(
            Residuals, 20, problems, [12.0, 2.0, 0.5], 3, withJacobian ? Jacobian : null);
        using CpuAccelerator cpu = Accelerators.Cpu(2);

        FitResult result = cpu.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX });

        Assert.Equal(withJacobian, result.AnalyticJacobian);
        for (int b = 0; b < problems.Length; b++)
        {
            Line data = problems[b];
            LeastSqResult expected = LeastSq.Solve(
                (x, f) => Residuals(x, f, data), 20, [12.0, 2.0, 0.5], withJacobian ? (x, j) => Jacobian(x, j, data) : null);
            FitResultRow row = result.Row(b);
            Assert.Equal(expected.Ier, row.Ier);
            Assert.Equal(expected.Nfev, row.Nfev);
            Assert.Equal(expected.X, row.X);
            Assert.Equal(expected.CovX, row.CovX);
        }
    }

    [Fact]
    public void Fit_NonFiniteStartInOneRow_MarksOnlyThatRow()
    {
        Line[] problems = Problems(3);
        double[] x0 = [12.0, 2.0, 0.5, 12.0, double.NaN, 0.5, 12.0, 2.0, 0.5];
        var batch = new FunctionBatch<Line>(Residuals, 20, problems, x0, 3, Jacobian);
        using CpuAccelerator cpu = Accelerators.Cpu(1);

        FitResult result = cpu.Fit(batch);

        Assert.True(LeastSqStatus.IsSuccess(result.Ier[0]));
        Assert.Equal(LeastSqStatus.InvalidInput, result.Ier[1]);
        Assert.True(LeastSqStatus.IsSuccess(result.Ier[2]));
    }

    [Fact]
    public void Constructor_BadShapes_ThrowNamingTheArgument()
    {
        Line[] problems = Problems(2);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(
            () => new FunctionBatch<Line>(Residuals, 20, problems, new double[4], 3)).ParamName);
        Assert.Equal("pointCount", Assert.Throws<ArgumentException>(
            () => new FunctionBatch<Line>(Residuals, 2, problems, new double[3], 3)).ParamName);
        Assert.Equal("args", Assert.Throws<ArgumentException>(
            () => new FunctionBatch<Line>(Residuals, 20, [], new double[3], 3)).ParamName);
    }

    [Fact]
    public void Fit_FuncThrows_ExceptionReachesTheCaller()
    {
        var batch = new FunctionBatch<int>((x, f, a) => throw new InvalidOperationException($"problem {a}"), 3, [0, 1], [1.0], 1);
        using CpuAccelerator cpu = Accelerators.Cpu(1);

        Exception e = Assert.ThrowsAny<Exception>(() => cpu.Fit(batch));
        Exception inner = e is AggregateException agg ? agg.Flatten().InnerExceptions[0] : e;
        Assert.IsType<InvalidOperationException>(inner);
    }
}

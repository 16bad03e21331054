using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>The CPU accelerator's own: equality with LeastSq.Solve at any thread count, and
/// cancellation from inside a row's function (the rest of the contract:
/// <see cref="AcceleratorContractSuite"/>).</summary>
public sealed class CpuAcceleratorTests
{
    /// <summary>1, 2 and all threads (3 stands in for "all" on a machine of at most 2 cores,
    /// so that more threads than cores are exercised too).</summary>
    public static TheoryData<int, JacobianMode> ThreadCounts()
    {
        var data = new TheoryData<int, JacobianMode>();
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            foreach (int threads in new[] { 1, 2, Math.Max(3, Environment.ProcessorCount) })
            {
                data.Add(threads, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Fit_AnyThreadCount_EqualsLeastSqSolveBitForBit(int threads, JacobianMode mode)
    {
        (FitBatch batch, _) = SyntheticData.Decay(200, seed: 11, weights: null);
        var options = new FitOptions { Jacobian = mode, Outputs = FitOutputs.All };
        using CpuAccelerator cpu = Accelerators.Cpu(threads);

        FitResult result = cpu.Fit(batch, options);

        for (int row = 0; row < batch.ProblemCount; row++)
        {
            LeastSqResult expected = AcceleratorContractSuite.SolveRowWithFacade(batch, row, options);
            FitResultRow actual = result.Row(row);
            Assert.Equal(expected.Ier, actual.Ier);
            Assert.Equal(expected.Nfev, actual.Nfev);
            Assert.Equal(expected.Njev, actual.Njev);
            Assert.Equal(Bits(expected.X), Bits(actual.X));
            Assert.Equal(Bits(expected.Fvec), Bits(actual.Fvec!));
            Assert.Equal(Bits(expected.Qtf), Bits(actual.Qtf!));
            Assert.Equal(expected.Ipvt, actual.Ipvt);
            Assert.Equal(expected.Fjac, actual.Fjac);
            Assert.Equal(expected.CovX, actual.CovX);
            Assert.Equal(expected.Mesg, actual.Mesg);
        }
    }

    [Fact]
    public void Fit_CancelledMidway_KeepsFinishedRowsAndMarksTheRest()
    {
        // Row 100's function cancels the fit: it and the rows already fitted keep their
        // results, every row not yet started is marked not run.
        (FitBatch batch, _) = SyntheticData.Decay(2_000, seed: 42);
        CompiledModel model = batch.Model.Compile();
        CancellationTokenSource? trigger = null;
        double[] p = new double[3];
        double[] f = new double[32];
        void Residuals(ReadOnlySpan<double> x, Span<double> fvec, int row)
        {
            if (row == 100)
            {
                trigger?.Cancel();
            }

            x.CopyTo(p);
            model.Values(p, batch.Variables, 0, 32, f);
            for (int i = 0; i < 32; i++)
            {
                fvec[i] = f[i] - batch.Y[row * 32 + i];
            }
        }

        var functions = new FunctionBatch<int>(
            Residuals, 32, Enumerable.Range(0, 2_000).ToArray(), batch.X0, 3);
        FitResult unCancelled = Accelerators.Cpu(1).Fit(functions);
        using var cts = new CancellationTokenSource();
        trigger = cts;
        using CpuAccelerator cpu = Accelerators.Cpu(1);

        FitResult result = cpu.Fit(functions, cancellationToken: cts.Token);

        Assert.True(result.Cancelled);
        Assert.NotEqual(LeastSqStatus.NotRun, result.Ier[100]);
        int notRun = result.Ier.Count(i => i == LeastSqStatus.NotRun);
        Assert.InRange(notRun, 1, batch.ProblemCount - 1);
        for (int row = 0; row < batch.ProblemCount; row++)
        {
            if (result.Ier[row] != LeastSqStatus.NotRun)
            {
                Assert.Equal(unCancelled.Ier[row], result.Ier[row]);
                Assert.Equal(Bits(unCancelled.Row(row).X), Bits(result.Row(row).X));
            }
            else
            {
                Assert.All(result.Row(row).X, v => Assert.True(double.IsNaN(v)));
            }
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}

using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>The per-row work of the CPU accelerator allocates nothing once warm.</summary>
public sealed class RowFitterTests
{
    [Theory]
    [InlineData(JacobianMode.Analytic, FitOutputs.None)]
    [InlineData(JacobianMode.FiniteDifferences, FitOutputs.None)]
    [InlineData(JacobianMode.Analytic, FitOutputs.All)]
    public void Fit_SteadyState_AllocatesNothing(JacobianMode mode, FitOutputs outputs)
    {
        (FitBatch batch, _) = SyntheticData.Decay(40, seed: 51);
        var options = new FitOptions { Jacobian = mode, Outputs = outputs, Ftol = Enumerable.Repeat(1e-10, 40).ToArray() };
        var result = new FitResult(40, batch.PointCount, 3, options, mode == JacobianMode.Analytic);
        var fitter = new RowFitter<ModelProblem>(batch.PointCount, 3, options, result);
        var problem = new ModelProblem(batch.Model.Compile(), batch);
        for (int row = 0; row < 20; row++)
        {
            problem.Bind(batch, row);
            fitter.Fit(ref problem, row, batch.X0.AsSpan(row * 3, 3));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int row = 20; row < 40; row++)
        {
            problem.Bind(batch, row);
            fitter.Fit(ref problem, row, batch.X0.AsSpan(row * 3, 3));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.All(result.Ier.Skip(20), ier => Assert.True(LeastSqStatus.IsSuccess(ier), $"ier {ier}"));
    }
}

using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>Single precision against double on well-conditioned rows.</summary>
/// <remarks>Single precision runs at ftol = xtol = 1e-7: leastsq's default 1.49e-8 is below
/// float's epsilon, where MINPACK's stringent tests end the fit as ier 6 or 7. Converged means
/// ier 1..4 in double, and 1..4 or 6..8 (no further reduction possible in float) in single.</remarks>
public abstract class SingleSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    [OpenCLFact]
    public void Fit_SingleOnWellConditionedDecay_XWithin1e4OfDoubleAndSameClass()
    {
        (FitBatch batch, _) = Batch.SyntheticData.Decay(5_000, seed: 31, noise: 0.1);
        FitResult dbl = fixture.Default.Fit(batch);
        FitResult sgl = fixture.Default.Fit(batch, new FitOptions
        {
            Precision = Precision.Single,
            LeastSq = new LeastSqOptions { Ftol = 1e-7, Xtol = 1e-7 },
        });
        int sameClass = 0;
        int within = 0;
        double worst = 0;
        for (int r = 0; r < batch.ProblemCount; r++)
        {
            bool convergedDouble = LeastSqStatus.IsSuccess(dbl.Ier[r]);
            bool convergedSingle = LeastSqStatus.IsSuccess(sgl.Ier[r]) || sgl.Ier[r] is 6 or 7 or 8;
            sameClass += convergedDouble == convergedSingle ? 1 : 0;
            double rowWorst = 0;
            for (int j = 0; j < 3; j++)
            {
                double d = dbl.X[(3 * r) + j];
                rowWorst = Math.Max(rowWorst, Math.Abs(sgl.X[(3 * r) + j] - d) / Math.Abs(d));
            }

            worst = Math.Max(worst, rowWorst);
            within += rowWorst <= 1e-4 ? 1 : 0;
        }

        output.WriteLine($"single vs double, {batch.ProblemCount} decay rows: same class {sameClass}, X within 1e-4 {within}, worst {worst:0.0e+0}; single ier {string.Join(", ", sgl.CountsByIer().Select(p => $"{p.Key}: {p.Value}"))}");
        Assert.True(sameClass >= 0.99 * batch.ProblemCount);
        Assert.True(within >= 0.99 * batch.ProblemCount);
    }
}

/// <summary><see cref="SingleSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLSingleTests(OpenCLFixture fixture, ITestOutputHelper output) : SingleSuite(fixture, output), IClassFixture<OpenCLFixture>;

using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>Single precision against double: on well-conditioned rows, and at leastsq's default
/// tolerances on the parity batches (noise-only rows and far starts).</summary>
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

    public static TheoryData<string> Models() => ["decay", "peak", "gauss2d"];

    /// <summary>
    /// At leastsq's defaults (ftol = xtol = 1.49e-8, below float's epsilon, and gtol = 0), on the
    /// rows where double converges (ier 1 to 4, with a covariance): single's x lies within 0.1
    /// standard error of double's (curve_fit's: sqrt(cov_x[j,j]·fnorm²/(m − n))), and single
    /// reports success (ier 1 to 4), each on at least 99.5% of them.
    /// </summary>
    [OpenCLTheory]
    [MemberData(nameof(Models))]
    public void Fit_SingleAtDefaultTolerances_WithinATenthOfAStandardErrorAndSuccessWhereDoubleConverges(string model)
    {
        FitBatch batch = model switch
        {
            "decay" => ParityData.Decay(3_000, seed: 41),
            "peak" => ParityData.Peak(3_000, seed: 42),
            _ => ParityData.Gauss2d(3_000, seed: 43),
        };
        int m = batch.PointCount;
        int n = batch.ParameterCount;
        FitResult dbl = fixture.Cpu.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX });
        FitResult sgl = fixture.Default.Fit(batch, new FitOptions { Precision = Precision.Single });
        int converged = 0;
        int within = 0;
        int success = 0;
        for (int r = 0; r < batch.ProblemCount; r++)
        {
            if (!LeastSqStatus.IsSuccess(dbl.Ier[r]) || double.IsNaN(dbl.CovX![r * n * n]))
            {
                continue;
            }

            converged++;
            success += LeastSqStatus.IsSuccess(sgl.Ier[r]) ? 1 : 0;
            double scale = dbl.Fnorm[r] * dbl.Fnorm[r] / (m - n);
            bool close = true;
            for (int j = 0; j < n; j++)
            {
                double se = Math.Sqrt(dbl.CovX[(r * n * n) + (j * n) + j] * scale);
                close &= Math.Abs(sgl.X[(r * n) + j] - dbl.X[(r * n) + j]) <= 0.1 * se;
            }

            within += close ? 1 : 0;
        }

        output.WriteLine($"{model}: double converged on {converged} of {batch.ProblemCount} rows; single within 0.1 SE on {within} ({100.0 * within / converged:0.00}%), success on {success} ({100.0 * success / converged:0.00}%); single ier {string.Join(", ", sgl.CountsByIer().Select(p => $"{p.Key}: {p.Value}"))}");
        Assert.True(converged >= batch.ProblemCount / 2, $"double converged on only {converged} rows");
        Assert.True(within >= 0.995 * converged, $"within 0.1 SE on {within} of {converged}");
        Assert.True(success >= 0.995 * converged, $"success on {success} of {converged}");
    }
}

/// <summary><see cref="SingleSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLSingleTests(OpenCLFixture fixture, ITestOutputHelper output) : SingleSuite(fixture, output), IClassFixture<OpenCLFixture>;

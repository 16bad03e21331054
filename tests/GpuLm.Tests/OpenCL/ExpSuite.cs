using GpuLm.Models;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The device's double exp (<c>DeviceMath.Exp</c>, glibc's algorithm in its FMA build) against
/// <see cref="Math.Exp"/> bit for bit, through a model: <c>a*exp(t)</c> at a = 1 with
/// y = Math.Exp(t) has the residual f − y = +0 exactly where f is y bit for bit, and a row whose
/// residuals are all zero ends after its first evaluation (gnorm = 0 ≤ gtol, ier 4) with fvec at
/// the start.
/// </summary>
/// <remarks>
/// 120 rows of 1,000 points: uniform over the finite range, dense near 0 (log-uniform
/// magnitudes down to 2^-60, below 2^-54 where exp is 1 + x), the subnormal results, the
/// scaled path for |t| ≥ 512, the points where k = round(t·128/ln2) is a tie, random bit
/// patterns, and the ulps around the thresholds (2^-54, 512, the largest finite result, the
/// smallest subnormal one). Results that overflow are left out, and each row holds at most one
/// argument above 700, and none above 650 beside it, so that the Jacobian's column norm stays
/// finite. On a host whose Math.Exp is another libm's (see <see cref="HostExp"/>) the test
/// only says so.
/// </remarks>
public abstract class ExpSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 120;
    private const int Points = 1000;

    /// <summary>exp is finite below this (exp(709.782712893384) is the largest double).</summary>
    private const double Largest = 709.782712893384;

    [OpenCLFact]
    public void Exp_OnDevice_IsMathExpBitForBit()
    {
        if (!HostExp.IsGlibcFma)
        {
            output.WriteLine("Math.Exp here is not glibc's FMA build (x86-64 Linux with FMA and AVX2): nothing to compare bit for bit.");
            return;
        }

        double[] t = Arguments();
        double[] y = [.. t.Select(Math.Exp)];
        var model = Model.Parse("a*exp(t)", ["a"], ["t"]);
        var batch = new FitBatch(model, Rows, Points, y: y, variables: t, x0: [1.0]);
        ZeroResiduals.AssertAllZero(fixture, batch, i => $"t = {t[i]:R}: Math.Exp {y[i]:R}");
    }

    /// <summary>Rows × points arguments, one set per row.</summary>
    private static double[] Arguments()
    {
        var rng = new Random(20240607);
        var t = new List<double>(Rows * Points);

        // The ulps around each threshold (at most one argument near the largest result per row).
        double[] thresholds = [Math.ScaleB(1.0, -54), -Math.ScaleB(1.0, -54), 512.0, -512.0, -708.3964185322641, -745.1332191019411, 1.0, -1.0];
        foreach (double c in thresholds)
        {
            long bits = BitConverter.DoubleToInt64Bits(c);
            for (long d = -400; d <= 400; d++)
            {
                t.Add(BitConverter.Int64BitsToDouble(bits + d));
            }
        }

        // Ties and near-ties in k: odd multiples of ln2/256, a few ulps either way.
        for (int i = 0; i < 8000; i++)
        {
            double k = Math.Floor(-95000 + (185000 * rng.NextDouble()));
            long bits = BitConverter.DoubleToInt64Bits((k + 0.5) * 0.005415212348111709);
            t.Add(Math.Min(700.0, BitConverter.Int64BitsToDouble(bits + rng.Next(-4, 5))));
        }

        // Random bit patterns whose exp is finite.
        while (t.Count < 30_000)
        {
            double x = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsNaN(x) && x < 700.0)
            {
                t.Add(x);
            }
        }

        // Dense near 0: log-uniform magnitudes 2^-60..1, both signs.
        for (int i = 0; i < 15_000; i++)
        {
            t.Add((rng.Next(2) == 0 ? -1 : 1) * Math.Pow(2.0, -60.0 * rng.NextDouble()));
        }

        // Subnormal results, and the scaled path below -512.
        for (int i = 0; i < 10_000; i++)
        {
            t.Add(-745.2 + (37.0 * rng.NextDouble()));
            t.Add(-745.2 + (233.0 * rng.NextDouble()));
        }

        // The scaled path above 512, and one value per row within a few ulps of the largest result.
        for (int i = 0; i < 10_000; i++)
        {
            t.Add(512.0 + (188.0 * rng.NextDouble()));
        }

        long largest = BitConverter.DoubleToInt64Bits(Largest);
        for (int r = 0; r < Rows; r++)
        {
            t.Add(BitConverter.Int64BitsToDouble(largest - r));
        }

        // The rest uniform over the finite range.
        while (t.Count < Rows * Points)
        {
            t.Add(-746.0 + (1446.0 * rng.NextDouble()));
        }

        // Shuffle; a row keeps one argument above 700 and, beside it, none above 650 (they are
        // negated), so that its norm stays below the largest double.
        double[] a = [.. t];
        rng.Shuffle(a);
        for (int r = 0; r < Rows; r++)
        {
            Span<double> row = a.AsSpan(r * Points, Points);
            int top = -1;
            for (int i = 0; i < Points; i++)
            {
                if (row[i] > 700.0 && top < 0)
                {
                    top = i;
                }
            }

            for (int i = 0; i < Points; i++)
            {
                if (top >= 0 && i != top && row[i] > 650.0)
                {
                    row[i] = -row[i];
                }
            }
        }

        return a;
    }
}

/// <summary><see cref="ExpSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLExpTests(OpenCLFixture fixture, ITestOutputHelper output) : ExpSuite(fixture, output), IClassFixture<OpenCLFixture>;

using GpuLm.Models;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The device's double atan (<c>gpulm_atan</c>, glibc's algorithm in its FMA build) against
/// <see cref="Math.Atan"/> bit for bit, through a model: <c>a*atan(t)</c> at a = 1 with
/// y = Math.Atan(t) has the residual f − y = +0 exactly where f is y bit for bit, and a row whose
/// residuals are all zero ends after its first evaluation (gnorm = 0 ≤ gtol, ier 4) with fvec at
/// the start.
/// </summary>
/// <remarks>
/// <para>120 rows of 1,000 arguments over every branch of glibc's algorithm: |t| below
/// A = 0x1.bb67ap-27 (atan t = t; subnormals included), the odd polynomial up to 1/16, the
/// 241-row table on [1/16, 1) and, through 1/|t|, on [1, 16), the polynomial in 1/|t| up to
/// E = 0x1.49ff2p+52, and ±π/2 beyond (±inf and the largest double included); the ulps around
/// each of those thresholds; the ulps around every point where the table row changes (256|t| or
/// 256/|t| at k + 1/2) and at k/256 and 256/k; the Roszman1 model's range; random bit patterns,
/// log-uniform magnitudes 2^-60..2^60, both signs.</para>
/// <para>A residual hides the sign of a zero and carries a NaN, so a second fact evaluates atan
/// at ±0, NaNs, subnormals, ±inf and the thresholds with y = 0 (fvec = f itself) and compares
/// fvec with Math.Atan bit for bit. On a host whose Math.Atan is another libm's (see
/// <see cref="HostExp"/>: glibc's ifunc selects the FMA build of atan on the same condition as
/// those of exp and pow) the tests only say so.</para>
/// </remarks>
public abstract class AtanSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 120;
    private const int Points = 1000;

    /// <summary>Below this |t| glibc's atan returns t.</summary>
    private const double TinyBound = 1.2904777690891933e-08; // 0x1.bb67ap-27

    /// <summary>From this |t| on glibc's atan returns ±π/2.</summary>
    private const double HugeBound = 5805361265115136.0; // 0x1.49ff2p+52

    [OpenCLFact]
    public void Atan_OnDevice_IsMathAtanBitForBit()
    {
        if (!HostExp.IsGlibcFma)
        {
            output.WriteLine("Math.Atan here is not glibc's FMA build (x86-64 Linux with FMA and AVX2): nothing to compare bit for bit.");
            return;
        }

        double[] t = Arguments();
        double[] y = [.. t.Select(Math.Atan)];
        var model = Model.Parse("a*atan(t)", ["a"], ["t"]);
        var batch = new FitBatch(model, Rows, Points, y: y, variables: t, x0: [1.0]);
        ZeroResiduals.AssertAllZero(fixture, batch, i => $"t = {t[i]:R}: Math.Atan {y[i]:R}");
    }

    [OpenCLFact]
    public void Atan_SignedZerosNaNsAndBounds_OnDeviceAreMathAtanBitForBit()
    {
        if (!HostExp.IsGlibcFma)
        {
            output.WriteLine("Math.Atan here is not glibc's FMA build (x86-64 Linux with FMA and AVX2): nothing to compare bit for bit.");
            return;
        }

        // Row 0: finite values (fvec = atan(t) - 0 keeps the sign of a zero); row 1: NaNs and
        // infinities (a NaN residual ends the row at its first evaluation, ier -1, fvec kept).
        double[] finite =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, double.MaxValue, -double.MaxValue,
            TinyBound, -TinyBound, Math.BitDecrement(TinyBound), -Math.BitDecrement(TinyBound),
            0.0625, -0.0625, Math.BitDecrement(0.0625), 1.0, -1.0, Math.BitDecrement(1.0), 16.0, -16.0, Math.BitDecrement(16.0),
            HugeBound, -HugeBound, Math.BitDecrement(HugeBound), -Math.BitDecrement(HugeBound),
        ];
        double[] special =
        [
            double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7ff0000000000001), BitConverter.Int64BitsToDouble(0x7ff8dead00000001),
            BitConverter.Int64BitsToDouble(unchecked((long)0xfff4000000000123)), double.PositiveInfinity, double.NegativeInfinity,
        ];
        int m = finite.Length;
        double[] t = [.. finite, .. special, .. Enumerable.Repeat(double.NaN, m - special.Length)];
        var model = Model.Parse("a*atan(t)", ["a"], ["t"]);
        var batch = new FitBatch(model, 2, m, y: new double[2 * m], variables: t, x0: [1.0]);
        var options = new FitOptions { LeastSq = new LeastSqOptions { Gtol = 1e300 }, Outputs = FitOutputs.Fvec };
        FitResult device = fixture.Team(1).Fit(batch, options);
        FitResult cpu = fixture.Cpu.Fit(batch, options);

        Assert.Equal(cpu.Ier, device.Ier);
        Assert.Equal(LeastSqStatus.GtolReached, cpu.Ier[0]);
        for (int i = 0; i < t.Length; i++)
        {
            long expected = BitConverter.DoubleToInt64Bits(Math.Atan(t[i]) - 0.0);
            Assert.True(
                BitConverter.DoubleToInt64Bits(device.Fvec![i]) == expected && BitConverter.DoubleToInt64Bits(cpu.Fvec![i]) == expected,
                $"t = {t[i]:R} ({BitConverter.DoubleToInt64Bits(t[i]):x16}): Math.Atan {expected:x16}, the device {BitConverter.DoubleToInt64Bits(device.Fvec![i]):x16}, the CPU accelerator {BitConverter.DoubleToInt64Bits(cpu.Fvec![i]):x16}");
        }
    }

    /// <summary>Rows × points arguments, one set per row.</summary>
    private static double[] Arguments()
    {
        var rng = new Random(20240619);
        var t = new List<double>(Rows * Points);
        double Sign(double v) => rng.Next(2) == 0 ? -v : v;
        double Uniform(double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());

        // The ulps around each threshold, both signs.
        foreach (double c in new[] { TinyBound, 0.0625, 1.0, 16.0, HugeBound })
        {
            long bits = BitConverter.DoubleToInt64Bits(c);
            for (long d = -400; d <= 400; d++)
            {
                double v = BitConverter.Int64BitsToDouble(bits + d);
                t.Add(v);
                t.Add(-v);
            }
        }

        // Where the table row changes (256 v at k + 1/2, v = |t| or 1/|t|) and at its nodes' neighbourhood.
        for (int k = 16; k <= 256; k++)
        {
            foreach (double c in new[] { (k + 0.5) / 256.0, 256.0 / (k + 0.5), k / 256.0, 256.0 / k })
            {
                long bits = BitConverter.DoubleToInt64Bits(c);
                for (long d = -6; d <= 6; d++)
                {
                    t.Add(Sign(BitConverter.Int64BitsToDouble(bits + d)));
                }
            }
        }

        // Each branch, uniform.
        for (int i = 0; i < 6_000; i++)
        {
            t.Add(Sign(Uniform(0.0, TinyBound)));
            t.Add(Sign(Uniform(TinyBound, 0.0625)));
            t.Add(Sign(Uniform(0.0625, 1.0)));
            t.Add(Sign(Uniform(1.0, 16.0)));
            t.Add(Sign(Uniform(16.0, 1e6)));
            t.Add(Sign(Uniform(HugeBound, 1e300)));
        }

        // Subnormals and tiny magnitudes.
        for (int i = 0; i < 2_000; i++)
        {
            t.Add(Sign(BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000))));
        }

        // Roszman1's argument b3/(x - b4) over its data and the fit's path.
        for (int i = 0; i < 8_000; i++)
        {
            t.Add(Uniform(-1.5e3, -0.5e3) / (Uniform(-4900.0, -300.0) - Uniform(-250.0, -100.0)));
        }

        // Random bit patterns (no NaNs).
        for (int i = 0; i < 10_000; i++)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64());
            t.Add(Sign(double.IsNaN(v) ? 1.0 / 3.0 : v));
        }

        // The rest log-uniform over 2^-60..2^60, both signs.
        while (t.Count < Rows * Points)
        {
            t.Add(Sign(Math.Pow(2.0, Uniform(-60.0, 60.0))));
        }

        double[] a = [.. t];
        rng.Shuffle(a);
        return a;
    }
}

/// <summary><see cref="AtanSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLAtanTests(OpenCLFixture fixture, ITestOutputHelper output) : AtanSuite(fixture, output), IClassFixture<OpenCLFixture>;

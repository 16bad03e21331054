using GpuLm.Models;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The device's double pow (<c>gpulm_pow</c>, glibc's algorithm in its FMA build) against
/// <see cref="Math.Pow"/> bit for bit, through a model: <c>a*u^v</c> at a = 1 with
/// y = Math.Pow(u, v) has the residual f − y = +0 exactly where f is y bit for bit (a −0 where
/// y is +0 shows), and a row whose residuals are all zero ends after its first evaluation
/// (gnorm = 0 ≤ gtol, ier 4) with fvec at the start.
/// </summary>
/// <remarks>
/// 120 rows of 1,000 (u, v) pairs: the NIST models' range (u in (0, 10^4], v in [−3, 3], uniform
/// and log-uniform in u), half-integer v, u near 1 and within ulps of 1 with large |v|, negative
/// u with integer v, results near the largest and down through the subnormals (v = t/ln u),
/// subnormal u, special values (±0, ±1, integers, halves) and random bit patterns. Pairs whose
/// pow is NaN or above 1e150 are left out, so that the Jacobian's column norm stays finite.
/// On a host whose Math.Pow is another libm's (see <see cref="HostExp"/>) the test only says so.
/// </remarks>
public abstract class PowSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 120;
    private const int Points = 1000;

    /// <summary>The largest |pow| kept.</summary>
    private const double Largest = 1e150;

    [OpenCLFact]
    public void Pow_OnDevice_IsMathPowBitForBit()
    {
        if (!HostExp.IsGlibcFma)
        {
            output.WriteLine("Math.Pow here is not glibc's FMA build (x86-64 Linux with FMA and AVX2): nothing to compare bit for bit.");
            return;
        }

        (double[] u, double[] v) = Arguments();
        double[] y = new double[u.Length];
        double[] variables = new double[2 * u.Length];
        for (int i = 0; i < u.Length; i++)
        {
            y[i] = Math.Pow(u[i], v[i]);
            variables[2 * i] = u[i];
            variables[(2 * i) + 1] = v[i];
        }

        var model = Model.Parse("a*u^v", ["a"], ["u", "v"]);
        var batch = new FitBatch(model, Rows, Points, y: y, variables: variables, x0: [1.0]);
        ZeroResiduals.AssertAllZero(fixture, batch, i => $"u = {u[i]:R}, v = {v[i]:R}: Math.Pow {y[i]:R}");
    }

    /// <summary>Rows × points pairs (u, v), one set per row.</summary>
    private static (double[] U, double[] V) Arguments()
    {
        var rng = new Random(20240611);
        var pairs = new List<(double U, double V)>(Rows * Points);

        void Add(double u, double v)
        {
            double p = Math.Pow(u, v);
            if (!double.IsNaN(p) && Math.Abs(p) <= Largest)
            {
                pairs.Add((u, v));
            }
        }

        double Uniform(double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());
        double LogUniform(double lo, double hi) => Math.Pow(2.0, Uniform(lo, hi));

        // Special values against each other.
        double[] special = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, 10.0, 0.1, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, 1.0000000000000002, 0.9999999999999999];
        foreach (double s in special)
        {
            foreach (double t in special)
            {
                Add(s, t);
            }
        }

        for (int i = 0; i < 40_000; i++)
        {
            Add(Uniform(0.0, 1e4), Uniform(-3.0, 3.0)); // the NIST models' range
        }

        for (int i = 0; i < 15_000; i++)
        {
            Add(LogUniform(-30.0, 13.3), Uniform(-3.0, 3.0));
        }

        for (int i = 0; i < 8_000; i++)
        {
            Add(Uniform(0.0, 1e4), (rng.Next(11) * 0.5) - 2.5); // half-integer exponents
        }

        for (int i = 0; i < 8_000; i++)
        {
            Add(1.0 + Uniform(-1e-3, 1e-3), Uniform(-1000.0, 1000.0)); // u near 1
        }

        long one = BitConverter.DoubleToInt64Bits(1.0);
        for (int i = 0; i < 4_000; i++)
        {
            Add(BitConverter.Int64BitsToDouble(one + rng.Next(-1000, 1001)), Uniform(-1e12, 1e12)); // within ulps of 1
        }

        for (int i = 0; i < 8_000; i++)
        {
            Add(-Uniform(0.0, 100.0), rng.Next(-20, 21)); // negative u, integer v
        }

        for (int i = 0; i < 12_000; i++)
        {
            double u = LogUniform(-20.0, 20.0);
            Add(u, Uniform(-760.0, 346.0) / Math.Log(u)); // large, tiny and subnormal results
        }

        for (int i = 0; i < 4_000; i++)
        {
            double u = LogUniform(-20.0, 20.0);
            Add(u, Uniform(-746.0, -706.0) / Math.Log(u)); // subnormal results
        }

        for (int i = 0; i < 3_000; i++)
        {
            Add(BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000)), Uniform(-0.14, 1.05)); // subnormal u
        }

        while (pairs.Count < Rows * Points)
        {
            Add(BitConverter.Int64BitsToDouble(rng.NextInt64()), BitConverter.Int64BitsToDouble(rng.NextInt64())); // random bits
        }

        (double U, double V)[] a = [.. pairs.Take(Rows * Points)];
        rng.Shuffle(a);
        return ([.. a.Select(p => p.U)], [.. a.Select(p => p.V)]);
    }
}

/// <summary><see cref="PowSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLPowTests(OpenCLFixture fixture, ITestOutputHelper output) : PowSuite(fixture, output), IClassFixture<OpenCLFixture>;

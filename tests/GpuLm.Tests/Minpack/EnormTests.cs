using GpuLm.Minpack;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Enorm"/>: the naive norm where squaring is safe, MINPACK's scaled sums where it
/// is not, and MINPACK's own value bit for bit.
/// </summary>
/// <remarks>
/// Expected values marked "refutil" were computed with the pure-Python transcription of
/// enorm.f in /work/shared/reference/minpack-mgh/refutil.py (<c>refutil.enorm</c>, run
/// under CPython 3 with the inputs written here) and pasted as round-trip literals; they are
/// the values netlib MINPACK's three-sum algorithm gives, which differ from the naive
/// <c>sqrt(Σx²)</c> in the last bits where a scaled sum is taken.
/// </remarks>
public sealed class EnormTests
{
    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(7, 13)]
    [InlineData(50, 14)]
    [InlineData(1000, 15)]
    public void Compute_IntermediateComponents_EqualsNaiveNormBitwise(int n, int seed)
    {
        // With every component strictly between rdwarf and rgiant/n, enorm accumulates
        // s2 += x² in index order and returns sqrt(s2 * (1 + 0)): the naive sum exactly.
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (2.0 * rng.NextDouble() - 1.0) * Math.Pow(10.0, rng.Next(-10, 11));
        }

        AssertBitwise(NaiveNorm(x), Enorm.Compute(x));
    }

    [Theory]
    [InlineData(-1, 6.640682796219073e-20, 6.307896321278591e-20)]
    [InlineData(0, 6.640682796219074e-20, 6.307896321278591e-20)]
    [InlineData(1, 6.640682796219077e-20, 6.307896321278591e-20)]
    public void Compute_AtRdwarfBoundary_MatchesNaiveAndMinpackReference(
        int ulpShift, double expectedSame, double expectedMixed)
    {
        double v = Shift(Enorm.Rdwarf, ulpShift);
        double[] same = [v, v, -v];
        double[] mixed = [v, 5e-20, -3e-21];

        // refutil: enorm([v, v, -v]) and enorm([v, 5e-20, -3e-21]).
        AssertBitwise(expectedSame, Enorm.Compute(same));
        AssertBitwise(expectedMixed, Enorm.Compute(mixed));
        AssertWithinUlps(NaiveNorm(same), Enorm.Compute(same), 2);
        AssertWithinUlps(NaiveNorm(mixed), Enorm.Compute(mixed), 2);
    }

    [Theory]
    [InlineData(-1, 7.528647510232718e+18, 5.64743402892952e+18)]
    [InlineData(0, 7.528647510232719e+18, 5.64743402892952e+18)]
    [InlineData(1, 7.52864751023272e+18, 5.647434028929521e+18)]
    public void Compute_AtRgiantOverNBoundary_MatchesNaiveAndMinpackReference(
        int ulpShift, double expectedSame, double expectedMixed)
    {
        // Both vectors have n = 3, so the large-component threshold is rgiant/3.
        double v = Shift(Enorm.Rgiant / 3.0, ulpShift);
        double[] same = [v, v, -v];
        double[] mixed = [v, 2e18, -3e18];

        // refutil: enorm([v, v, -v]) and enorm([v, 2e18, -3e18]).
        AssertBitwise(expectedSame, Enorm.Compute(same));
        AssertBitwise(expectedMixed, Enorm.Compute(mixed));
        AssertWithinUlps(NaiveNorm(same), Enorm.Compute(same), 2);
        AssertWithinUlps(NaiveNorm(mixed), Enorm.Compute(mixed), 2);
    }

    [Fact]
    public void Compute_RgiantThresholdScalesWithLength_SameValueSplitsAcrossBranches()
    {
        // 1e18 is intermediate for n = 4 (rgiant/4 ≈ 3.3e18) but large for n = 16
        // (rgiant/16 ≈ 8.2e17): both must still give v·sqrt(n).
        double v = 1e18;
        AssertWithinUlps(v * 2.0, Enorm.Compute(Enumerable.Repeat(v, 4).ToArray()), 1);
        AssertBitwise(v * 4.0, Enorm.Compute(Enumerable.Repeat(v, 16).ToArray()));
    }

    [Theory]
    [InlineData(1e-200, 4, 2e-200)]
    [InlineData(1e-200, 9, 3e-200)]
    [InlineData(5e-324, 4, 1e-323)]
    [InlineData(1e-170, 16, 4e-170)]
    public void Compute_TinyComponents_ExactScaledNormWhereNaiveUnderflows(double v, int n, double expected)
    {
        // s3 counts n exactly and sqrt(n) is exact, so x3max·sqrt(s3) is the exact norm.
        double[] x = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? v : -v).ToArray();

        Assert.Equal(0.0, NaiveNorm(x));
        AssertBitwise(expected, Enorm.Compute(x));
    }

    [Theory]
    [InlineData(1e200, 4, 2e200)]
    [InlineData(1e200, 9, 3e200)]
    [InlineData(double.MaxValue, 4, double.PositiveInfinity)]
    [InlineData(0.5 * double.MaxValue, 4, double.MaxValue)]
    [InlineData(1e170, 16, 4e170)]
    public void Compute_HugeComponents_ExactScaledNormWhereNaiveOverflows(double v, int n, double expected)
    {
        // x1max·sqrt(s1) with s1 = n exactly; only a norm beyond MaxValue is infinite.
        double[] x = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? v : -v).ToArray();

        Assert.Equal(double.PositiveInfinity, NaiveNorm(x));
        AssertBitwise(expected, Enorm.Compute(x));
    }

    [Fact]
    public void Compute_SmallAndHugeMixed_LargeSumDominates()
    {
        // With a large component present, MINPACK drops the small sum (it cannot matter);
        // the large sum is rescaled when 4e200 overtakes 3e200. refutil: 4.9999999999999995e200.
        double[] x = [1e-300, 3e200, -4e200, 2e-310, 1.0];

        AssertBitwise(4.9999999999999995e200, Enorm.Compute(x));
        AssertWithinUlps(5e200, Enorm.Compute(x), 1);
    }

    [Fact]
    public void Compute_SmallAndIntermediateMixed_KeepsBothSums()
    {
        // The small part is 3e-20 here, comparable to the intermediate 4e-20: dropping it
        // would give 4e-20.
        double[] x = [3e-20, 4e-20];

        AssertWithinUlps(5e-20, Enorm.Compute(x), 2);
    }

    [Theory]
    [InlineData(new[] { 3.0, 4.0 }, 5.0)]
    [InlineData(new[] { 1e-170, -2.5e-170, 3e-171, 7.25e-172 }, 2.7102133218623215e-170)]
    [InlineData(new[] { 1e170, -2.5e170, 3e171, 7.25e172 }, 7.256254198965194e172)]
    [InlineData(new[] { 3.3e19, -1.2e19, 5.5, -1e-21, 2.0e18 }, 3.517101079013795e19)]
    [InlineData(new[] { 3.9e-20, -5e-20, 3.0e-20, 1.1e-20 }, 7.100704190430692e-20)]
    [InlineData(
        new[]
        {
            -0.00016676025490931768, 640.3494451225773, -0.040272028960081446,
            0.08635693817386232, 0.0013201633745772256, -253.87231820424083,
            -1.3412746398016817,
        },
        688.8398753832237)]
    public void Compute_ReferenceVectors_MatchesPythonMinpackBitwise(double[] x, double expected)
    {
        // refutil: enorm(x). The rdwarf-straddling vector is one ulp below the naive norm.
        AssertBitwise(expected, Enorm.Compute(x));
    }

    [Fact]
    public void Compute_AllZeros_ReturnsZero()
    {
        AssertBitwise(0.0, Enorm.Compute(new double[17]));
    }

    [Fact]
    public void Compute_Empty_ReturnsZero()
    {
        AssertBitwise(0.0, Enorm.Compute(ReadOnlySpan<double>.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Compute_NaNEntry_ReturnsNaN(int position)
    {
        double[] x = [1.0, 1e-25, 2e30, -4.0];
        x[position] = double.NaN;

        Assert.True(double.IsNaN(Enorm.Compute(x)));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(1, -1.0)]
    public void Compute_OneInfiniteEntry_ReturnsPositiveInfinity(int position, double sign)
    {
        double[] x = [1.0, 1e-25, 2e30, -4.0];
        x[position] = sign * double.PositiveInfinity;

        Assert.Equal(double.PositiveInfinity, Enorm.Compute(x));
    }

    [Fact]
    public void Compute_TwoInfiniteEntries_ReturnsNaNAsMinpackDoes()
    {
        // enorm.f's large-component update forms inf/inf for a second infinity, so MINPACK
        // (and refutil.enorm) return NaN, not inf. lmder only asks whether the norm is finite.
        double[] x = [double.PositiveInfinity, 1.0, double.NegativeInfinity];

        Assert.True(double.IsNaN(Enorm.Compute(x)));
    }

    private static double NaiveNorm(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        foreach (double v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    private static double Shift(double value, int ulps) => ulps switch
    {
        < 0 => Math.BitDecrement(value),
        0 => value,
        _ => Math.BitIncrement(value),
    };

    private static void AssertBitwise(double expected, double actual)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail($"expected {expected:R}, got {actual:R}");
        }
    }

    private static void AssertWithinUlps(double expected, double actual, long ulps)
    {
        long distance = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        Assert.True(
            distance <= ulps && Math.Sign(expected) == Math.Sign(actual),
            $"expected {expected:R} within {ulps} ulps, got {actual:R} ({distance} ulps away)");
    }
}

using Xunit;

namespace GpuLm.Tests.Models;

/// <summary>Comparisons and inputs the model tests share.</summary>
internal static class ModelTestSupport
{
    /// <summary>The number of doubles between <paramref name="a"/> and <paramref name="b"/>
    /// (0 for equal values, ±0 included; 0 for two NaNs).</summary>
    public static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Asserts that two doubles have the same bits.</summary>
    public static void AssertBitwise(double expected, double actual, string context)
    {
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{context}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Returns <paramref name="count"/> values uniform in [lo, hi).</summary>
    public static double[] Uniform(Random rng, int count, double lo, double hi)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = lo + (hi - lo) * rng.NextDouble();
        }

        return values;
    }

    /// <summary>A seed derived from a text, the same in every process (unlike
    /// <see cref="string.GetHashCode()"/>).</summary>
    public static int StableSeed(string text)
    {
        int seed = 17;
        foreach (char c in text)
        {
            seed = unchecked(seed * 31 + c);
        }

        return seed & 0x7fffffff;
    }

    // Maps doubles to integers in the same order, adjacent doubles to adjacent integers.
    private static long Ordered(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        return bits < 0 ? long.MinValue - bits : bits;
    }
}

using System.Globalization;

namespace GpuLm.Cli.Maps;

/// <summary>How a heat map chooses the values at the two ends of its colour bar.</summary>
/// <remarks>
/// Values outside the range are drawn in the end colours. NaN and ±infinity never take part:
/// they are drawn grey. Percentiles interpolate linearly between order statistics, as
/// <c>numpy.percentile</c> does by default.
/// </remarks>
internal sealed class HeatMapScale
{
    private HeatMapScale(double low, double high, bool isFixed)
    {
        Low = low;
        High = high;
        IsFixed = isFixed;
    }

    /// <summary>The 2nd to the 98th percentile of the finite values: the default, which a few
    /// outliers (a diverged fit, a dead pixel) cannot stretch.</summary>
    public static HeatMapScale Robust { get; } = new(2.0, 98.0, isFixed: false);

    /// <summary>The smallest to the largest finite value.</summary>
    public static HeatMapScale Full { get; } = new(0.0, 100.0, isFixed: false);

    /// <summary>The lower percentile, or the fixed minimum.</summary>
    public double Low { get; }

    /// <summary>The upper percentile, or the fixed maximum.</summary>
    public double High { get; }

    /// <summary>Whether <see cref="Low"/> and <see cref="High"/> are values rather than percentiles.</summary>
    public bool IsFixed { get; }

    /// <summary>The range from the <paramref name="low"/>th to the <paramref name="high"/>th percentile of the finite values.</summary>
    /// <param name="low">The lower percentile, 0 to 100.</param>
    /// <param name="high">The upper percentile, above <paramref name="low"/> and at most 100.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A percentile is outside [0, 100], or
    /// <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public static HeatMapScale Percentiles(double low, double high)
    {
        if (!(low >= 0.0 && low < 100.0))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, "Must be in [0, 100).");
        }

        if (!(high > low && high <= 100.0))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "Must be above low and at most 100.");
        }

        return new HeatMapScale(low, high, isFixed: false);
    }

    /// <summary>The fixed range [<paramref name="min"/>, <paramref name="max"/>], for maps that must share a colour bar.</summary>
    /// <param name="min">The value drawn dark purple.</param>
    /// <param name="max">The value drawn yellow; at least <paramref name="min"/>.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or
    /// <paramref name="max"/> is below <paramref name="min"/>.</exception>
    public static HeatMapScale Fixed(double min, double max)
    {
        if (!double.IsFinite(min))
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, "Must be finite.");
        }

        if (!(double.IsFinite(max) && max >= min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "Must be finite and at least min.");
        }

        return new HeatMapScale(min, max, isFixed: true);
    }

    /// <summary>The colour bar range for <paramref name="values"/>.</summary>
    /// <param name="values">The map's values.</param>
    /// <returns>The two ends; both NaN when no value is finite and the scale is not fixed.</returns>
    public (double Min, double Max) Resolve(ReadOnlySpan<double> values)
    {
        if (IsFixed)
        {
            return (Low, High);
        }

        double[] finite = new double[CountFinite(values)];
        if (finite.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                finite[n++] = v;
            }
        }

        Array.Sort(finite);
        return (Percentile(finite, Low), Percentile(finite, High));
    }

    /// <summary>A short description for the map's footer, such as "p2-p98".</summary>
    /// <returns>The description.</returns>
    public string Describe() => IsFixed
        ? "fixed"
        : string.Create(CultureInfo.InvariantCulture, $"p{Low:G4}-p{High:G4}");

    /// <summary>The number of finite values in <paramref name="values"/>.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The count.</returns>
    public static int CountFinite(ReadOnlySpan<double> values)
    {
        int count = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                count++;
            }
        }

        return count;
    }

    private static double Percentile(double[] sorted, double percent)
    {
        double position = percent / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}

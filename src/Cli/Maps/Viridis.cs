namespace GpuLm.Cli.Maps;

/// <summary>The viridis colour map (matplotlib's default): perceptually uniform, readable in grey
/// and by colour-blind viewers, from dark purple at 0 to yellow at 1.</summary>
/// <remarks>
/// The 256 entries come from Matt Zucker's degree-6 polynomial fit to matplotlib's table
/// (public domain, shadertoy.com/view/WlfXRN); a channel differs from the original table by a
/// few levels of 255 at most (3.2 at the yellow end), too little to see.
/// </remarks>
internal static class Viridis
{
    private static readonly double[][] Coefficients =
    [
        [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
        [0.1050930431085774, 1.404613529898575, 1.384590162594685],
        [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
        [-4.634230498983486, -5.799100973351585, -19.33244095627987],
        [6.228269936347081, 14.17993336680509, 56.69055260068105],
        [4.776384997670288, -13.74514537774601, -65.35303263337234],
        [-5.435455855934631, 4.645852612178535, 26.3124352495832],
    ];

    /// <summary>The 256 colours, from 0 (dark purple) to 255 (yellow).</summary>
    public static IReadOnlyList<Rgb> Table { get; } = BuildTable();

    /// <summary>The colour at <paramref name="t"/>, clamped to [0, 1] and rounded to the nearest entry.</summary>
    /// <param name="t">The position in the colour map; must not be NaN.</param>
    /// <returns>The colour.</returns>
    public static Rgb At(double t) => Table[(int)Math.Round(Math.Clamp(t, 0.0, 1.0) * 255.0)];

    private static Rgb[] BuildTable()
    {
        Rgb[] table = new Rgb[256];
        for (int i = 0; i < table.Length; i++)
        {
            double t = i / 255.0;
            table[i] = new Rgb(Channel(t, 0), Channel(t, 1), Channel(t, 2));
        }

        return table;
    }

    private static byte Channel(double t, int channel)
    {
        double value = 0.0;
        for (int k = Coefficients.Length - 1; k >= 0; k--)
        {
            value = value * t + Coefficients[k][channel];
        }

        return (byte)Math.Round(Math.Clamp(value, 0.0, 1.0) * 255.0);
    }
}

using System.Globalization;

namespace GpuLm.Cli.Maps;

/// <summary>PNG heat maps of per-pixel fit results: one parameter (viridis, with a colour bar)
/// or one integer code such as <c>ier</c> (a colour per code, with a legend).</summary>
/// <remarks>
/// Values are row-major, row 0 at the top, as numpy's <c>imshow</c> draws them. Small maps are
/// enlarged by a whole factor (nearest neighbour) until their long side is at least
/// <see cref="MinLongSide"/> pixels, and thin strips further until their short side is at least
/// <see cref="MinShortSide"/>, as long as the long side stays within <see cref="MaxEnlargedLongSide"/>;
/// larger maps are drawn one pixel per value. The title sits above the map; the colour bar or
/// legend to its right. Text uses <see cref="BitmapFont"/>, so the numbers stay readable without fonts.
/// </remarks>
internal static class HeatMap
{
    /// <summary>The length the long side of a small map is enlarged to, at least.</summary>
    internal const int MinLongSide = 256;

    /// <summary>The length a thin strip's short side is enlarged to, where <see cref="MaxEnlargedLongSide"/> allows.</summary>
    internal const int MinShortSide = 32;

    /// <summary>The longest side that enlarging a strip for <see cref="MinShortSide"/> may produce.</summary>
    internal const int MaxEnlargedLongSide = 1024;

    /// <summary>The blank border around everything.</summary>
    internal const int Margin = 12;

    /// <summary>The space between the title, the map, the colour bar and the footer.</summary>
    internal const int Gap = 12;

    /// <summary>Screen pixels per font pixel.</summary>
    internal const int TextScale = 2;

    /// <summary>The height of a line of text.</summary>
    internal const int TextHeight = BitmapFont.GlyphHeight * TextScale;

    /// <summary>The width of the colour bar.</summary>
    internal const int ColorBarWidth = 20;

    /// <summary>The least height of the colour bar, so that a flat map still has a readable one.</summary>
    internal const int MinColorBarHeight = 100;

    /// <summary>The left column of the map's first value.</summary>
    internal const int MapX = Margin;

    /// <summary>The top row of the map's first value.</summary>
    internal const int MapY = Margin + TextHeight + Gap;

    private const int LegendPitch = TextHeight + 6;

    /// <summary>The page colour.</summary>
    internal static readonly Rgb Background = new(255, 255, 255);

    /// <summary>The colour of text and outlines.</summary>
    internal static readonly Rgb Ink = new(24, 24, 24);

    /// <summary>The colour of NaN and ±infinity, a grey no viridis entry comes near.</summary>
    internal static readonly Rgb NonFinite = new(160, 160, 160);

    /// <summary>The colours of categorical maps, given to the codes present in ascending order:
    /// matplotlib's tab10 without its grey, then six more that stay apart from it.</summary>
    internal static readonly Rgb[] CategoryPalette =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40),
        new(148, 103, 189), new(140, 86, 75), new(227, 119, 194), new(188, 189, 34),
        new(23, 190, 207), new(0, 0, 0), new(255, 221, 0), new(0, 0, 128),
        new(128, 0, 0), new(174, 199, 232), new(152, 223, 138), new(255, 152, 150),
    ];

    /// <summary>Writes a heat map of <paramref name="values"/> with a viridis colour bar.</summary>
    /// <param name="path">The PNG file to create or overwrite; its folder must exist.</param>
    /// <param name="values">The <paramref name="height"/> × <paramref name="width"/> values, row by row from the top.</param>
    /// <param name="height">The number of rows.</param>
    /// <param name="width">The number of columns.</param>
    /// <param name="title">The text above the map, usually the parameter's name.</param>
    /// <param name="scale">The colour bar range; <see cref="HeatMapScale.Robust"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or
    /// <paramref name="values"/> does not hold <paramref name="height"/> × <paramref name="width"/> values.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> or
    /// <paramref name="width"/> is not positive.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, ReadOnlySpan<double> values, int height, int width, string title, HeatMapScale? scale = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Render(values, height, width, title, scale).WritePng(path);
    }

    /// <summary>Writes a map of integer codes, one colour per code, with a legend of code, label and count.</summary>
    /// <param name="path">The PNG file to create or overwrite; its folder must exist.</param>
    /// <param name="codes">The <paramref name="height"/> × <paramref name="width"/> codes, row by row from the top.</param>
    /// <param name="height">The number of rows.</param>
    /// <param name="width">The number of columns.</param>
    /// <param name="title">The text above the map.</param>
    /// <param name="labels">A short label per code, such as <see cref="IerLabels.Short"/>; codes without one show the number alone.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or
    /// <paramref name="codes"/> does not hold <paramref name="height"/> × <paramref name="width"/> codes.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="title"/> or
    /// <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> or
    /// <paramref name="width"/> is not positive.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteCategorical(string path, ReadOnlySpan<int> codes, int height, int width, string title, IReadOnlyDictionary<int, string> labels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RenderCategorical(codes, height, width, title, labels).WritePng(path);
    }

    /// <summary>Writes the map of <c>ier</c> codes, titled "ier", with <see cref="IerLabels.Short"/>.</summary>
    /// <param name="path">The PNG file to create or overwrite; its folder must exist.</param>
    /// <param name="ier">The <paramref name="height"/> × <paramref name="width"/> codes, row by row from the top.</param>
    /// <param name="height">The number of rows.</param>
    /// <param name="width">The number of columns.</param>
    /// <exception cref="ArgumentException">As <see cref="WriteCategorical"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="WriteCategorical"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteIer(string path, ReadOnlySpan<int> ier, int height, int width) =>
        WriteCategorical(path, ier, height, width, "ier", IerLabels.Short);

    /// <summary>The whole factor a height × width map is enlarged by.</summary>
    /// <param name="height">The number of rows.</param>
    /// <param name="width">The number of columns.</param>
    /// <returns>The least factor that makes the long side at least <see cref="MinLongSide"/> and
    /// the short side at least <see cref="MinShortSide"/>, the second only as far as
    /// <see cref="MaxEnlargedLongSide"/> allows; 1 for maps that need none.</returns>
    internal static int UpscaleFactor(int height, int width)
    {
        int longSide = Math.Max(height, width);
        int shortSide = Math.Min(height, width);
        int forLongSide = CeilingDivide(MinLongSide, longSide);
        int forShortSide = Math.Min(CeilingDivide(MinShortSide, shortSide), MaxEnlargedLongSide / longSide);
        return Math.Max(1, Math.Max(forLongSide, forShortSide));
    }

    /// <summary>The colour of <paramref name="value"/> on a colour bar from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="min">The value drawn as viridis 0.</param>
    /// <param name="max">The value drawn as viridis 1.</param>
    /// <returns><see cref="NonFinite"/> for NaN and ±infinity; the middle colour when the range is empty.</returns>
    internal static Rgb ColorOf(double value, double min, double max)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite;
        }

        if (!(max > min))
        {
            return Viridis.At(0.5);
        }

        // Halved so that max - min cannot overflow for finite bounds of opposite sign.
        return Viridis.At((value / 2 - min / 2) / (max / 2 - min / 2));
    }

    /// <summary>Draws the heat map of <see cref="Write"/> without writing it.</summary>
    /// <inheritdoc cref="Write" path="/param[@name!='path']"/>
    /// <returns>The image.</returns>
    internal static RgbCanvas Render(ReadOnlySpan<double> values, int height, int width, string title, HeatMapScale? scale)
    {
        CheckShape(values.Length, height, width, nameof(values));
        ArgumentNullException.ThrowIfNull(title);
        scale ??= HeatMapScale.Robust;

        (double min, double max) = scale.Resolve(values);
        int nonFinite = values.Length - HeatMapScale.CountFinite(values);
        int factor = UpscaleFactor(height, width);
        int mapWidth = width * factor;
        int mapHeight = height * factor;
        int barX = MapX + mapWidth + Gap;
        int barHeight = Math.Max(mapHeight, MinColorBarHeight);
        int labelX = barX + ColorBarWidth + Gap / 2;
        string maxLabel = FormatValue(max);
        string minLabel = FormatValue(min);
        string range = "range: " + scale.Describe();
        string nonFiniteNote = nonFinite.ToString(CultureInfo.InvariantCulture) + " nan/inf";
        int footerY = MapY + barHeight + Gap;
        int swatchX = MapX + BitmapFont.MeasureWidth(range, TextScale) + 2 * Gap;
        int footerEnd = nonFinite > 0
            ? swatchX + TextHeight + Gap / 2 + BitmapFont.MeasureWidth(nonFiniteNote, TextScale)
            : MapX + BitmapFont.MeasureWidth(range, TextScale);

        int canvasWidth = Margin + Math.Max(
            Math.Max(labelX + Math.Max(BitmapFont.MeasureWidth(maxLabel, TextScale), BitmapFont.MeasureWidth(minLabel, TextScale)), footerEnd),
            MapX + BitmapFont.MeasureWidth(title, TextScale));
        RgbCanvas canvas = new(canvasWidth, footerY + TextHeight + Margin, Background);

        BitmapFont.Draw(canvas, MapX, Margin, title, TextScale, Ink);

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                canvas.FillRect(MapX + x * factor, MapY + y * factor, factor, factor, ColorOf(values[y * width + x], min, max));
            }
        }

        canvas.DrawRect(MapX - 1, MapY - 1, mapWidth + 2, mapHeight + 2, Ink);

        // the colour bar: max at the top row, min at the bottom row.
        for (int row = 0; row < barHeight; row++)
        {
            double t = 1.0 - (double)row / (barHeight - 1);
            canvas.FillRect(barX, MapY + row, ColorBarWidth, 1, ColorOf(min * (1.0 - t) + max * t, min, max));
        }

        canvas.DrawRect(barX - 1, MapY - 1, ColorBarWidth + 2, barHeight + 2, Ink);
        BitmapFont.Draw(canvas, labelX, MapY, maxLabel, TextScale, Ink);
        BitmapFont.Draw(canvas, labelX, MapY + barHeight - TextHeight, minLabel, TextScale, Ink);

        BitmapFont.Draw(canvas, MapX, footerY, range, TextScale, Ink);
        if (nonFinite > 0)
        {
            canvas.FillRect(swatchX, footerY, TextHeight, TextHeight, NonFinite);
            canvas.DrawRect(swatchX, footerY, TextHeight, TextHeight, Ink);
            BitmapFont.Draw(canvas, swatchX + TextHeight + Gap / 2, footerY, nonFiniteNote, TextScale, Ink);
        }

        return canvas;
    }

    /// <summary>Draws the map of <see cref="WriteCategorical"/> without writing it.</summary>
    /// <inheritdoc cref="WriteCategorical" path="/param[@name!='path']"/>
    /// <returns>The image.</returns>
    internal static RgbCanvas RenderCategorical(ReadOnlySpan<int> codes, int height, int width, string title, IReadOnlyDictionary<int, string> labels)
    {
        CheckShape(codes.Length, height, width, nameof(codes));
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(labels);

        SortedDictionary<int, int> counts = [];
        foreach (int code in codes)
        {
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        Dictionary<int, Rgb> colors = [];
        List<string> entries = [];
        foreach ((int code, int count) in counts)
        {
            colors[code] = CategoryPalette[colors.Count % CategoryPalette.Length];
            string label = labels.TryGetValue(code, out string? text) ? " " + text : "";
            entries.Add(string.Create(CultureInfo.InvariantCulture, $"{code}{label} ({count})"));
        }

        int factor = UpscaleFactor(height, width);
        int mapWidth = width * factor;
        int mapHeight = height * factor;
        int legendX = MapX + mapWidth + Gap;
        int legendTextX = legendX + TextHeight + Gap / 2;
        int legendHeight = entries.Count * LegendPitch - (LegendPitch - TextHeight);
        int canvasWidth = Margin + Math.Max(
            legendTextX + entries.Max(entry => BitmapFont.MeasureWidth(entry, TextScale)),
            MapX + BitmapFont.MeasureWidth(title, TextScale));
        RgbCanvas canvas = new(canvasWidth, MapY + Math.Max(mapHeight, legendHeight) + Margin, Background);

        BitmapFont.Draw(canvas, MapX, Margin, title, TextScale, Ink);

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                canvas.FillRect(MapX + x * factor, MapY + y * factor, factor, factor, colors[codes[y * width + x]]);
            }
        }

        canvas.DrawRect(MapX - 1, MapY - 1, mapWidth + 2, mapHeight + 2, Ink);

        int entryY = MapY;
        int index = 0;
        foreach (int code in counts.Keys)
        {
            canvas.FillRect(legendX, entryY, TextHeight, TextHeight, colors[code]);
            canvas.DrawRect(legendX, entryY, TextHeight, TextHeight, Ink);
            BitmapFont.Draw(canvas, legendTextX, entryY, entries[index++], TextScale, Ink);
            entryY += LegendPitch;
        }

        return canvas;
    }

    private static void CheckShape(int length, int height, int width, string valuesName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (length != (long)height * width)
        {
            throw new ArgumentException($"Expected {height} × {width} = {(long)height * width} values, got {length}.", valuesName);
        }
    }

    private static int CeilingDivide(int numerator, int denominator) => (numerator + denominator - 1) / denominator;

    private static string FormatValue(double value) =>
        double.IsNaN(value) ? "none" : value.ToString("G4", CultureInfo.InvariantCulture);
}

namespace GpuLm.Cli.Maps;

/// <summary>A 5 × 7 pixel font for the titles and numbers on the heat maps.</summary>
/// <remarks>
/// Digits, capital letters (lower case draws as upper case) and the punctuation numbers and
/// parameter names need. A character without a glyph draws as '?'.
/// </remarks>
internal static class BitmapFont
{
    /// <summary>The width of a glyph in font pixels.</summary>
    public const int GlyphWidth = 5;

    /// <summary>The height of a glyph in font pixels.</summary>
    public const int GlyphHeight = 7;

    // Each glyph is 7 rows of 5 pixels, '#' for ink, top row first.
    private static readonly Dictionary<char, string> Source = new()
    {
        ['0'] = ".###. #...# #..## #.#.# ##..# #...# .###.",
        ['1'] = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['2'] = ".###. #...# ....# ...#. ..#.. .#... #####",
        ['3'] = "##### ...#. ..#.. ...#. ....# #...# .###.",
        ['4'] = "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        ['5'] = "##### #.... ####. ....# ....# #...# .###.",
        ['6'] = "..##. .#... #.... ####. #...# #...# .###.",
        ['7'] = "##### ....# ...#. ..#.. .#... .#... .#...",
        ['8'] = ".###. #...# #...# .###. #...# #...# .###.",
        ['9'] = ".###. #...# #...# .#### ....# ...#. .##..",
        ['A'] = ".###. #...# #...# ##### #...# #...# #...#",
        ['B'] = "####. #...# #...# ####. #...# #...# ####.",
        ['C'] = ".###. #...# #.... #.... #.... #...# .###.",
        ['D'] = "###.. #..#. #...# #...# #...# #..#. ###..",
        ['E'] = "##### #.... #.... ####. #.... #.... #####",
        ['F'] = "##### #.... #.... ####. #.... #.... #....",
        ['G'] = ".###. #...# #.... #.### #...# #...# .####",
        ['H'] = "#...# #...# #...# ##### #...# #...# #...#",
        ['I'] = ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['J'] = "..### ...#. ...#. ...#. ...#. #..#. .##..",
        ['K'] = "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
        ['L'] = "#.... #.... #.... #.... #.... #.... #####",
        ['M'] = "#...# ##.## #.#.# #.#.# #...# #...# #...#",
        ['N'] = "#...# #...# ##..# #.#.# #..## #...# #...#",
        ['O'] = ".###. #...# #...# #...# #...# #...# .###.",
        ['P'] = "####. #...# #...# ####. #.... #.... #....",
        ['Q'] = ".###. #...# #...# #...# #.#.# #..#. .##.#",
        ['R'] = "####. #...# #...# ####. #.#.. #..#. #...#",
        ['S'] = ".#### #.... #.... .###. ....# ....# ####.",
        ['T'] = "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        ['U'] = "#...# #...# #...# #...# #...# #...# .###.",
        ['V'] = "#...# #...# #...# #...# #...# .#.#. ..#..",
        ['W'] = "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
        ['X'] = "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        ['Y'] = "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        ['Z'] = "##### ....# ...#. ..#.. .#... #.... #####",
        ['.'] = "..... ..... ..... ..... ..... .##.. .##..",
        [','] = "..... ..... ..... ..... .##.. ..#.. .#...",
        ['-'] = "..... ..... ..... .###. ..... ..... .....",
        ['+'] = "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        [':'] = "..... .##.. .##.. ..... .##.. .##.. .....",
        ['='] = "..... ..... ##### ..... ##### ..... .....",
        ['_'] = "..... ..... ..... ..... ..... ..... #####",
        ['('] = "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        [')'] = ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        ['/'] = "....# ....# ...#. ..#.. .#... #.... #....",
        ['%'] = "##... ##..# ...#. ..#.. .#... #..## ...##",
        ['?'] = ".###. #...# ....# ...#. ..#.. ..... ..#..",
        [' '] = "..... ..... ..... ..... ..... ..... .....",
    };

    // Row masks per glyph; bit 4 is the leftmost pixel.
    private static readonly Dictionary<char, byte[]> Glyphs = Source.ToDictionary(
        pair => pair.Key,
        pair => pair.Value.Split(' ').Select(row => (byte)row.Aggregate(0, (mask, c) => (mask << 1) | (c == '#' ? 1 : 0))).ToArray());

    /// <summary>The width of <paramref name="text"/> drawn at <paramref name="scale"/>, one font pixel between glyphs.</summary>
    /// <param name="text">The text.</param>
    /// <param name="scale">Screen pixels per font pixel.</param>
    /// <returns>The width in screen pixels; 0 for empty text.</returns>
    public static int MeasureWidth(string text, int scale) =>
        text.Length == 0 ? 0 : (text.Length * (GlyphWidth + 1) - 1) * scale;

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="canvas">The canvas to draw on; pixels outside it are skipped.</param>
    /// <param name="x">The left column.</param>
    /// <param name="y">The top row.</param>
    /// <param name="text">The text, on one line.</param>
    /// <param name="scale">Screen pixels per font pixel.</param>
    /// <param name="color">The ink colour; the background is left as it is.</param>
    public static void Draw(RgbCanvas canvas, int x, int y, string text, int scale, Rgb color)
    {
        foreach (char c in text)
        {
            byte[] rows = Glyphs.TryGetValue(char.ToUpperInvariant(c), out byte[]? glyph) ? glyph : Glyphs['?'];
            for (int row = 0; row < GlyphHeight; row++)
            {
                for (int column = 0; column < GlyphWidth; column++)
                {
                    if ((rows[row] & (1 << (GlyphWidth - 1 - column))) != 0)
                    {
                        canvas.FillRect(x + column * scale, y + row * scale, scale, scale, color);
                    }
                }
            }

            x += (GlyphWidth + 1) * scale;
        }
    }
}

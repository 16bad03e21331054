namespace GpuLm.Cli.Maps;

/// <summary>A width × height RGB image in memory, row by row from the top, that the heat maps draw on.</summary>
internal sealed class RgbCanvas
{
    /// <summary>Creates a canvas filled with <paramref name="background"/>.</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="background">The initial colour of every pixel.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or
    /// <paramref name="height"/> is not positive, or the image would exceed the largest array.</exception>
    public RgbCanvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * height * 3, Array.MaxLength, nameof(width));
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, background);
    }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, 3 bytes (R, G, B) each, in the layout <see cref="Png.WriteRgb(string, int, int, ReadOnlySpan{byte})"/> takes.</summary>
    public byte[] Pixels { get; }

    /// <summary>Fills the rectangle at (<paramref name="x"/>, <paramref name="y"/>), clipped to the canvas.</summary>
    /// <param name="x">The left column.</param>
    /// <param name="y">The top row.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="color">The fill colour.</param>
    public void FillRect(int x, int y, int width, int height, Rgb color)
    {
        int x0 = Math.Max(x, 0);
        int y0 = Math.Max(y, 0);
        int x1 = Math.Min(x + width, Width);
        int y1 = Math.Min(y + height, Height);
        for (int row = y0; row < y1; row++)
        {
            for (int i = (row * Width + x0) * 3, end = (row * Width + x1) * 3; i < end; i += 3)
            {
                Pixels[i] = color.R;
                Pixels[i + 1] = color.G;
                Pixels[i + 2] = color.B;
            }
        }
    }

    /// <summary>Draws the 1-pixel outline of a rectangle, clipped to the canvas.</summary>
    /// <param name="x">The left column.</param>
    /// <param name="y">The top row.</param>
    /// <param name="width">The width in pixels, outline included.</param>
    /// <param name="height">The height in pixels, outline included.</param>
    /// <param name="color">The line colour.</param>
    public void DrawRect(int x, int y, int width, int height, Rgb color)
    {
        FillRect(x, y, width, 1, color);
        FillRect(x, y + height - 1, width, 1, color);
        FillRect(x, y, 1, height, color);
        FillRect(x + width - 1, y, 1, height, color);
    }

    /// <summary>Writes the canvas to a PNG file.</summary>
    /// <param name="path">The file to create or overwrite; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WritePng(string path) => Png.WriteRgb(path, Width, Height, Pixels);
}

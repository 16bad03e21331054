using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GpuLm.Cli.Maps;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>The PNG encoder and the heat maps, read back through an independent decoder.</summary>
/// <remarks>
/// Set GPULM_HEATMAP_SAMPLES to a folder to keep the sample maps of
/// <see cref="HeatMap_Samples_DecodeAndAreKeptForReview"/> there for a look.
/// </remarks>
public sealed class HeatMapTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gpulm-heatmap-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Crc32_KnownVectors_Match()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void Png_WriteRgb_SmallImage_HeaderChunksAndPixelsAreRight()
    {
        const int width = 7, height = 5;
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(i * 37);
        }

        using MemoryStream stream = new();
        Png.WriteRgb(stream, width, height, rgb);
        DecodedPng png = PngDecoder.Decode(stream.ToArray());

        Assert.Equal(width, png.Width);
        Assert.Equal(height, png.Height);
        Assert.Equal(8, png.BitDepth);
        Assert.Equal(2, png.ColorType);
        Assert.Equal(0, png.Interlace);
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.ChunkTypes);
        Assert.Equal(rgb, png.Rgb);
    }

    [Fact]
    public void Png_WriteRgb_NoiseAndGradients_RoundTripsThroughSeveralFilters()
    {
        const int width = 40, height = 30;
        Random random = new(20240607);
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < width * 3; i++)
            {
                rgb[y * width * 3 + i] = (y % 3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(i * 5 + y),
                    _ => (byte)(y * 7),
                };
            }
        }

        using MemoryStream stream = new();
        Png.WriteRgb(stream, width, height, rgb);
        DecodedPng png = PngDecoder.Decode(stream.ToArray());

        Assert.Equal(rgb, png.Rgb);
        Assert.True(png.FilterTypes.Distinct().Count() >= 2, $"filters used: {string.Join(",", png.FilterTypes.Distinct())}");
    }

    [Theory]
    [InlineData(0, 4, "width")]
    [InlineData(4, 0, "height")]
    [InlineData(4, 4, "rgb")]
    public void Png_WriteRgb_BadSize_ThrowsNamingArgument(int width, int height, string parameter)
    {
        byte[] rgb = new byte[3];
        using MemoryStream stream = new();
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => Png.WriteRgb(stream, width, height, rgb));
        Assert.Equal(parameter, e.ParamName);
    }

    [Theory]
    [InlineData(64, 64, 4)]
    [InlineData(256, 256, 1)]
    [InlineData(128, 100, 2)]
    [InlineData(100, 50, 3)]
    [InlineData(1, 1, 256)]
    [InlineData(3000, 2000, 1)]
    [InlineData(5, 200, 5)]
    [InlineData(1, 1000, 1)]
    [InlineData(4, 64, 8)]
    public void UpscaleFactor_Shape_EnlargesSmallMapsAndThinStrips(int height, int width, int expected) =>
        Assert.Equal(expected, HeatMap.UpscaleFactor(height, width));

    [Fact]
    public void Viridis_Ends_AreDarkPurpleAndYellow()
    {
        Rgb low = Viridis.Table[0];
        Rgb high = Viridis.Table[255];
        Assert.True(low.R < 90 && low.G < 20 && low.B is > 60 and < 110, $"viridis 0 = {low}");
        Assert.True(high.R > 230 && high.G > 200 && high.B < 80, $"viridis 255 = {high}");
        Assert.Equal(256, Viridis.Table.Distinct().Count());
    }

    [Fact]
    public void Write_Gradient_LowIsDarkPurpleHighIsYellowAndBarMatches()
    {
        const int n = 64;
        double[] values = Gradient(n);
        DecodedPng png = WriteAndDecode(values, n, n, "amplitude");
        int factor = HeatMap.UpscaleFactor(n, n);

        // the corners lie outside the 2-98 percentile range: they take the end colours.
        Assert.Equal(Viridis.Table[0], png.Pixel(HeatMap.MapX, HeatMap.MapY));
        Assert.Equal(Viridis.Table[255], png.Pixel(HeatMap.MapX + n * factor - 1, HeatMap.MapY + n * factor - 1));
        Rgb middle = png.Pixel(HeatMap.MapX + n * factor / 2, HeatMap.MapY + n * factor / 2);
        Assert.True(middle.G > middle.R && middle.B > middle.R, $"middle = {middle}");

        int barX = HeatMap.MapX + n * factor + HeatMap.Gap + HeatMap.ColorBarWidth / 2;
        Assert.Equal(Viridis.Table[255], png.Pixel(barX, HeatMap.MapY));
        Assert.Equal(Viridis.Table[0], png.Pixel(barX, HeatMap.MapY + n * factor - 1));
    }

    [Fact]
    public void Write_NonFiniteValues_AreGreyAndLeaveTheRangeAlone()
    {
        const int n = 64;
        double[] values = Gradient(n);
        values[10 * n + 20] = double.NaN;
        values[11 * n + 20] = double.PositiveInfinity;
        values[12 * n + 20] = double.NegativeInfinity;
        values[0] = double.NaN;
        values[n * n - 1] = double.NaN;
        DecodedPng png = WriteAndDecode(values, n, n, "nan");
        int factor = HeatMap.UpscaleFactor(n, n);

        for (int y = 10; y <= 12; y++)
        {
            Assert.Equal(HeatMap.NonFinite, png.Pixel(HeatMap.MapX + 20 * factor + 1, HeatMap.MapY + y * factor + 1));
        }

        Assert.Equal(Viridis.Table[0], png.Pixel(HeatMap.MapX + factor, HeatMap.MapY));
        Assert.Equal(Viridis.Table[255], png.Pixel(HeatMap.MapX + (n - 1) * factor - 1, HeatMap.MapY + n * factor - 1));
        Assert.DoesNotContain(HeatMap.NonFinite, Viridis.Table);
    }

    [Fact]
    public void Write_AllNaN_DrawsGreyWithoutThrowing()
    {
        double[] values = Enumerable.Repeat(double.NaN, 12).ToArray();
        DecodedPng png = WriteAndDecode(values, 3, 4, "empty");

        Assert.Equal(HeatMap.NonFinite, png.Pixel(HeatMap.MapX, HeatMap.MapY));
    }

    [Fact]
    public void Write_ConstantMap_DrawsOneColour()
    {
        double[] values = Enumerable.Repeat(2.5, 20 * 30).ToArray();
        DecodedPng png = WriteAndDecode(values, 20, 30, "flat");
        int factor = HeatMap.UpscaleFactor(20, 30);

        Rgb first = png.Pixel(HeatMap.MapX, HeatMap.MapY);
        Assert.Equal(Viridis.At(0.5), first);
        Assert.Equal(first, png.Pixel(HeatMap.MapX + 30 * factor - 1, HeatMap.MapY + 20 * factor - 1));
    }

    [Fact]
    public void Write_FixedScale_UsesGivenRange()
    {
        double[] values = [0.0, 1.0, 2.0, 3.0];
        DecodedPng png = WriteAndDecode(values, 2, 2, "fixed", HeatMapScale.Fixed(1.0, 2.0));
        int factor = HeatMap.UpscaleFactor(2, 2);

        Assert.Equal(Viridis.Table[0], png.Pixel(HeatMap.MapX, HeatMap.MapY));
        Assert.Equal(Viridis.Table[0], png.Pixel(HeatMap.MapX + factor, HeatMap.MapY));
        Assert.Equal(Viridis.Table[255], png.Pixel(HeatMap.MapX, HeatMap.MapY + factor));
    }

    [Fact]
    public void Write_TitleAndRange_PutInkInTheMargins()
    {
        const int n = 64;
        DecodedPng png = WriteAndDecode(Gradient(n), n, n, "sigma");
        int mapRight = HeatMap.MapX + n * HeatMap.UpscaleFactor(n, n);

        Assert.True(png.CountInk(0, 0, png.Width, HeatMap.MapY - 2) > 20, "no title");
        int labelX = mapRight + HeatMap.Gap + HeatMap.ColorBarWidth + 2;
        Assert.True(png.CountInk(labelX, HeatMap.MapY, png.Width - labelX, HeatMap.TextHeight) > 20, "no max label");
        Assert.True(png.CountInk(0, png.Height - HeatMap.Margin - HeatMap.TextHeight, png.Width, HeatMap.TextHeight) > 20, "no footer");
    }

    [Fact]
    public void WriteCategorical_Codes_GetDistinctColoursAndALegend()
    {
        const int n = 32;
        int[] codes = new int[n * n];
        int[] present = [1, 2, 5, -2];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                codes[y * n + x] = present[(y / (n / 2)) * 2 + x / (n / 2)];
            }
        }

        string path = Path.Combine(_folder, "ier.png");
        HeatMap.WriteCategorical(path, codes, n, n, "ier", IerLabels.Short);
        DecodedPng png = PngDecoder.Decode(File.ReadAllBytes(path));
        int factor = HeatMap.UpscaleFactor(n, n);

        Rgb[] quadrants =
        [
            png.Pixel(HeatMap.MapX + 1, HeatMap.MapY + 1),
            png.Pixel(HeatMap.MapX + n * factor - 2, HeatMap.MapY + 1),
            png.Pixel(HeatMap.MapX + 1, HeatMap.MapY + n * factor - 2),
            png.Pixel(HeatMap.MapX + n * factor - 2, HeatMap.MapY + n * factor - 2),
        ];
        Assert.Equal(4, quadrants.Distinct().Count());
        Assert.DoesNotContain(HeatMap.Background, quadrants);
        Assert.True(png.CountInk(HeatMap.MapX + n * factor, HeatMap.MapY, png.Width - HeatMap.MapX - n * factor, 4 * HeatMap.TextHeight) > 50, "no legend");
    }

    [Fact]
    public void WriteCategorical_ManyCodes_AllDistinctUpToThePaletteSize()
    {
        int count = HeatMap.CategoryPalette.Length;
        Assert.Equal(count, HeatMap.CategoryPalette.Distinct().Count());
        int[] codes = Enumerable.Range(-4, count).ToArray();
        RgbCanvas canvas = HeatMap.RenderCategorical(codes, 1, count, "codes", IerLabels.Short);
        int factor = HeatMap.UpscaleFactor(1, count);

        HashSet<(byte, byte, byte)> colors = [];
        for (int i = 0; i < count; i++)
        {
            int offset = ((HeatMap.MapY * canvas.Width) + HeatMap.MapX + i * factor) * 3;
            colors.Add((canvas.Pixels[offset], canvas.Pixels[offset + 1], canvas.Pixels[offset + 2]));
        }

        Assert.Equal(count, colors.Count);
    }

    [Theory]
    [InlineData(0, 4, 0, "height")]
    [InlineData(4, 0, 0, "width")]
    [InlineData(2, 2, 3, "values")]
    public void Write_ZeroOrWrongSize_ThrowsNamingArgument(int height, int width, int length, string parameter)
    {
        double[] values = new double[length];
        string path = Path.Combine(_folder, "bad.png");

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => HeatMap.Write(path, values, height, width, "x"));
        Assert.Equal(parameter, e.ParamName);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WriteCategorical_ZeroSize_ThrowsNamingArgument()
    {
        string path = Path.Combine(_folder, "bad.png");
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(
            () => HeatMap.WriteCategorical(path, [], 0, 3, "ier", IerLabels.Short));
        Assert.Equal("height", e.ParamName);
    }

    [Fact]
    public void HeatMapScale_BadArguments_ThrowNamingArgument()
    {
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(() => HeatMapScale.Percentiles(-1, 50)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => HeatMapScale.Percentiles(50, 50)).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => HeatMapScale.Fixed(2, 1)).ParamName);
        Assert.Equal("min", Assert.Throws<ArgumentOutOfRangeException>(() => HeatMapScale.Fixed(double.NaN, 1)).ParamName);
    }

    [Fact]
    public void HeatMapScale_Robust_MatchesNumpyPercentiles()
    {
        double[] values = [.. Enumerable.Range(0, 101).Select(i => (double)i), double.NaN, double.PositiveInfinity];
        (double min, double max) = HeatMapScale.Robust.Resolve(values);
        Assert.Equal(2.0, min, 12);
        Assert.Equal(98.0, max, 12);

        (min, max) = HeatMapScale.Percentiles(10, 90).Resolve([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(1.3, min, 12);
        Assert.Equal(3.7, max, 12);
    }

    [Fact]
    public void HeatMap_Samples_DecodeAndAreKeptForReview()
    {
        string folder = Environment.GetEnvironmentVariable("GPULM_HEATMAP_SAMPLES") is { Length: > 0 } keep
            ? Directory.CreateDirectory(keep).FullName
            : _folder;

        const int n = 64;
        double[] values = new double[n * n];
        int[] ier = new int[n * n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                double r = Math.Sqrt((x - 40.0) * (x - 40.0) + (y - 24.0) * (y - 24.0));
                bool hole = r < 6;
                values[y * n + x] = hole ? double.NaN : 1.5e-3 * (x + 0.5 * y) - 0.02;
                ier[y * n + x] = hole ? LeastSqStatus.InvalidInput : r > 28 ? LeastSqStatus.MaxFevReached : (x + y) % 3 + 1;
            }
        }

        string gradientPath = Path.Combine(folder, "gradient.png");
        string ierPath = Path.Combine(folder, "ier.png");
        HeatMap.Write(gradientPath, values, n, n, "x0_amplitude");
        HeatMap.WriteIer(ierPath, ier, n, n);

        Assert.Equal(2, PngDecoder.Decode(File.ReadAllBytes(gradientPath)).ColorType);
        Assert.Equal(2, PngDecoder.Decode(File.ReadAllBytes(ierPath)).ColorType);
    }

    private static double[] Gradient(int n)
    {
        double[] values = new double[n * n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                values[y * n + x] = x + y;
            }
        }

        return values;
    }

    private DecodedPng WriteAndDecode(double[] values, int height, int width, string title, HeatMapScale? scale = null)
    {
        string path = Path.Combine(_folder, title + ".png");
        HeatMap.Write(path, values, height, width, title, scale);
        return PngDecoder.Decode(File.ReadAllBytes(path));
    }

    /// <summary>A PNG read back: header fields, chunk types in order, the filter of each row and the pixels.</summary>
    private sealed record DecodedPng(
        int Width, int Height, int BitDepth, int ColorType, int Interlace,
        List<string> ChunkTypes, List<byte> FilterTypes, byte[] Rgb)
    {
        public Rgb Pixel(int x, int y)
        {
            int i = (y * Width + x) * 3;
            return new Rgb(Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }

        // Pixels darker than the NaN grey: text and outlines on the white page.
        public int CountInk(int x, int y, int width, int height)
        {
            int count = 0;
            for (int row = y; row < y + height; row++)
            {
                for (int column = x; column < x + width; column++)
                {
                    if (Pixel(column, row) == HeatMap.Ink)
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>A minimal PNG decoder for 8-bit RGB, written from the specification independently of
    /// the encoder: it checks the signature and every chunk's CRC with a bitwise CRC-32.</summary>
    private static class PngDecoder
    {
        private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

        public static DecodedPng Decode(byte[] file)
        {
            Assert.Equal(Signature, file[..8]);
            int position = 8;
            List<string> types = [];
            using MemoryStream idat = new();
            int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
            while (position < file.Length)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
                ReadOnlySpan<byte> typeAndData = file.AsSpan(position + 4, 4 + length);
                uint crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position + 8 + length));
                string type = Encoding.ASCII.GetString(typeAndData[..4]);
                Assert.True(BitwiseCrc32(typeAndData) == crc, $"bad CRC in {type}");
                ReadOnlySpan<byte> data = typeAndData[4..];
                types.Add(type);
                switch (type)
                {
                    case "IHDR":
                        Assert.Equal(13, length);
                        width = BinaryPrimitives.ReadInt32BigEndian(data);
                        height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                        (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
                        Assert.Equal(0, data[10]);
                        Assert.Equal(0, data[11]);
                        break;
                    case "IDAT":
                        idat.Write(data);
                        break;
                    case "IEND":
                        Assert.Equal(0, length);
                        break;
                }

                position += 12 + length;
            }

            Assert.Equal(file.Length, position);
            Assert.Equal("IHDR", types[0]);
            Assert.Equal("IEND", types[^1]);

            idat.Position = 0;
            using ZLibStream zlib = new(idat, CompressionMode.Decompress);
            using MemoryStream raw = new();
            zlib.CopyTo(raw);
            int stride = width * 3;
            Assert.Equal((long)(stride + 1) * height, raw.Length);

            byte[] filtered = raw.ToArray();
            byte[] rgb = new byte[stride * height];
            List<byte> filters = [];
            for (int y = 0; y < height; y++)
            {
                byte filter = filtered[y * (stride + 1)];
                filters.Add(filter);
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= 3 ? rgb[y * stride + i - 3] : 0;
                    int b = y > 0 ? rgb[(y - 1) * stride + i] : 0;
                    int c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3] : 0;
                    int predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"filter type {filter}"),
                    };
                    rgb[y * stride + i] = (byte)(filtered[y * (stride + 1) + 1 + i] + predictor);
                }
            }

            return new DecodedPng(width, height, bitDepth, colorType, interlace, types, filters, rgb);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
        {
            uint crc = 0xFFFFFFFFu;
            foreach (byte d in data)
            {
                crc ^= d;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
                }
            }

            return ~crc;
        }
    }
}

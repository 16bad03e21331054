using System.Buffers.Binary;
using System.IO.Compression;

namespace GpuLm.Cli.Maps;

/// <summary>A PNG encoder for 8-bit RGB images: the one format the heat maps need.</summary>
/// <remarks>
/// Writes the signature, IHDR (bit depth 8, colour type 2, no interlace), one IDAT of zlib data
/// and IEND. Each row gets the filter of the five that gives the smallest sum of absolute
/// differences, the heuristic the PNG specification recommends (section 12.8).
/// </remarks>
internal static class Png
{
    private const int BytesPerPixel = 3;

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Writes <paramref name="rgb"/> to a new PNG file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or overwrite; its folder must exist.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <param name="rgb">The pixels, row by row from the top, 3 bytes (R, G, B) each.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="rgb"/>
    /// does not hold <paramref name="width"/> × <paramref name="height"/> pixels.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or
    /// <paramref name="height"/> is not positive.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(width, height, rgb);
        using FileStream file = File.Create(path);
        WriteRgb(file, width, height, rgb);
    }

    /// <summary>Writes <paramref name="rgb"/> as a PNG image to <paramref name="stream"/>, which stays open.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="width">The image width in pixels.</param>
    /// <param name="height">The image height in pixels.</param>
    /// <param name="rgb">The pixels, row by row from the top, 3 bytes (R, G, B) each.</param>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> does not hold
    /// <paramref name="width"/> × <paramref name="height"/> pixels.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or
    /// <paramref name="height"/> is not positive.</exception>
    public static void WriteRgb(Stream stream, int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(width, height, rgb);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive
        header[12] = 0; // interlace: none

        stream.Write(Signature);
        WriteChunk(stream, "IHDR"u8, header);
        WriteChunk(stream, "IDAT"u8, CompressRows(rgb, width, height));
        WriteChunk(stream, "IEND"u8, []);
    }

    private static void Validate(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long expected = (long)width * height * BytesPerPixel;
        if (rgb.Length != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} bytes ({width} × {height} RGB pixels), got {rgb.Length}.", nameof(rgb));
        }
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(type), data));
        stream.Write(word);
    }

    private static byte[] CompressRows(ReadOnlySpan<byte> rgb, int width, int height)
    {
        int stride = width * BytesPerPixel;
        byte[] zeroRow = new byte[stride];
        byte[] best = new byte[stride + 1];
        byte[] candidate = new byte[stride + 1];

        using MemoryStream compressed = new();
        using (ZLibStream zlib = new(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> row = rgb.Slice(y * stride, stride);
                ReadOnlySpan<byte> above = y == 0 ? zeroRow : rgb.Slice((y - 1) * stride, stride);
                long bestCost = long.MaxValue;
                for (byte filter = 0; filter <= 4; filter++)
                {
                    long cost = Filter(filter, row, above, candidate);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        (best, candidate) = (candidate, best);
                    }
                }

                zlib.Write(best);
            }
        }

        return compressed.ToArray();
    }

    // Writes the filter byte and the filtered row to output; returns the sum of the filtered
    // bytes read as signed, the cost the heuristic minimises.
    private static long Filter(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> output)
    {
        output[0] = filter;
        long cost = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= BytesPerPixel ? row[i - BytesPerPixel] : 0;
            int up = above[i];
            int upLeft = i >= BytesPerPixel ? above[i - BytesPerPixel] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => Paeth(left, up, upLeft),
            };
            byte value = (byte)(row[i] - predictor);
            output[i + 1] = value;
            cost += Math.Abs((int)(sbyte)value);
        }

        return cost;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        int p = left + up - upLeft;
        int pa = Math.Abs(p - left);
        int pb = Math.Abs(p - up);
        int pc = Math.Abs(p - upLeft);
        if (pa <= pb && pa <= pc)
        {
            return left;
        }

        return pb <= pc ? up : upLeft;
    }
}

namespace GpuLm.Cli.Npy;

/// <summary>Whole-array reads and writes of .npy files, for inputs small enough to hold in memory.</summary>
/// <remarks>
/// The counterparts of <c>numpy.load</c> and <c>numpy.save</c> for little-endian, C-ordered float64, float32,
/// int32 and int64 arrays, format versions 1.0, 2.0 and 3.0. For files larger than memory use
/// <see cref="NpyReader"/> and <see cref="NpyWriter"/>, which move row ranges.
/// </remarks>
internal static class NpyFile
{
    /// <summary>Reads and checks the header of <paramref name="path"/>.</summary>
    /// <param name="path">The .npy file.</param>
    /// <returns>The header; the file is long enough to hold all of its data.</returns>
    /// <exception cref="NpyFormatException">The file is not a .npy file gpulm can read; the message says why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">Reading the file failed.</exception>
    public static NpyHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return NpyHeader.Read(stream, path);
    }

    /// <summary>Reads a whole array as doubles.</summary>
    /// <param name="path">The .npy file, of any supported dtype.</param>
    /// <param name="shape">The array's shape; empty for a 0-d array.</param>
    /// <returns>The elements in C order; float32 widens exactly, int64 beyond 2^53 rounds.</returns>
    /// <exception cref="NpyFormatException">The file is not a .npy file gpulm can read, or holds more elements than one array can.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">Reading the file failed.</exception>
    public static double[] ReadDoubles(string path, out long[] shape)
    {
        using NpyReader reader = new(path);
        double[] data = new double[WholeArrayLength(reader.Header, path)];
        reader.ReadRows(0, data.Length, 1, data);
        shape = [.. reader.Header.Shape];
        return data;
    }

    /// <summary>Reads a whole integer array as int32.</summary>
    /// <param name="path">The .npy file, <c>&lt;i4</c> or <c>&lt;i8</c> (NumPy's default integer).</param>
    /// <param name="shape">The array's shape; empty for a 0-d array.</param>
    /// <returns>The elements in C order.</returns>
    /// <exception cref="NpyFormatException">The file is not a .npy file gpulm can read, holds floats, holds an int64 outside the int32 range, or holds more elements than one array can.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">Reading the file failed.</exception>
    public static int[] ReadInt32(string path, out long[] shape)
    {
        using NpyReader reader = new(path);
        int[] data = new int[WholeArrayLength(reader.Header, path)];
        reader.ReadRows(0, data.Length, 1, data);
        shape = [.. reader.Header.Shape];
        return data;
    }

    /// <summary>Writes a whole array, as <c>numpy.save</c> would.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="data">The elements in C order.</param>
    /// <param name="shape">The shape; its product must equal the length of <paramref name="data"/>.</param>
    /// <param name="dtype"><see cref="NpyDtype.Float64"/> or <see cref="NpyDtype.Float32"/> (rounds to nearest).</param>
    /// <exception cref="ArgumentException">The shape does not match <paramref name="data"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is negative.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="dtype"/> is an integer type.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    public static void Write(string path, ReadOnlySpan<double> data, ReadOnlySpan<long> shape, NpyDtype dtype = NpyDtype.Float64)
    {
        CheckLength(dtype, shape, data.Length);
        using NpyWriter writer = new(path, dtype, shape);
        writer.Append(data);
    }

    /// <summary>Writes a whole integer array, as <c>numpy.save</c> would.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="data">The elements in C order.</param>
    /// <param name="shape">The shape; its product must equal the length of <paramref name="data"/>.</param>
    /// <param name="dtype"><see cref="NpyDtype.Int32"/> or <see cref="NpyDtype.Int64"/>.</param>
    /// <exception cref="ArgumentException">The shape does not match <paramref name="data"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is negative.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="dtype"/> is a float type.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    public static void Write(string path, ReadOnlySpan<int> data, ReadOnlySpan<long> shape, NpyDtype dtype = NpyDtype.Int32)
    {
        CheckLength(dtype, shape, data.Length);
        using NpyWriter writer = new(path, dtype, shape);
        writer.Append(data);
    }

    private static int WholeArrayLength(NpyHeader header, string path)
    {
        if (header.ElementCount > Array.MaxLength)
        {
            throw new NpyFormatException(path, $"shape {header.ShapeText()} holds {header.ElementCount} elements, more than one in-memory array can ({Array.MaxLength}); read it in row ranges instead.");
        }

        return (int)header.ElementCount;
    }

    private static void CheckLength(NpyDtype dtype, ReadOnlySpan<long> shape, int length)
    {
        // Checked before the file is created, so a mismatch leaves no file behind.
        NpyHeader header = NpyHeader.Create(dtype, shape, out _);
        if (header.ElementCount != length)
        {
            throw new ArgumentException($"Shape {header.ShapeText()} has {header.ElementCount} elements but data has {length}.", "data");
        }
    }
}

namespace GpuLm.Cli.Fitting;

/// <summary>
/// An input array read a block of rows at a time: a .npy file (memory-mapped, so inputs
/// larger than memory stream) or a CSV table held in memory.
/// </summary>
internal interface IRowSource : IDisposable
{
    /// <summary>How messages name it: the option and the file, e.g. <c>--y data.npy</c>.</summary>
    string Label { get; }

    /// <summary>The array's shape.</summary>
    IReadOnlyList<long> Shape { get; }

    /// <summary>Copies rows [first, first + count) of <paramref name="rowLength"/> elements each,
    /// as doubles, into <paramref name="destination"/>.</summary>
    /// <param name="first">The first row (of the flattened leading axes).</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="rowLength">The elements per row (the product of the trailing axes).</param>
    /// <param name="destination">Receives count·rowLength values.</param>
    void ReadRows(long first, int count, int rowLength, Span<double> destination);
}

/// <summary>An output array written a block of rows at a time, in order.</summary>
internal interface IRowSink : IDisposable
{
    /// <summary>Appends doubles.</summary>
    /// <param name="values">The next values in row-major order.</param>
    void Write(ReadOnlySpan<double> values);

    /// <summary>Appends 32-bit integers.</summary>
    /// <param name="values">The next values in row-major order.</param>
    void Write(ReadOnlySpan<int> values);
}

/// <summary>A CSV table (one row per problem) held in memory.</summary>
internal sealed class CsvSource : IRowSource
{
    private readonly double[] _values;

    private CsvSource(string label, double[] values, long rows, long columns)
    {
        Label = label;
        _values = values;
        Shape = [rows, columns];
    }

    /// <inheritdoc/>
    public string Label { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Reads a CSV file of numbers: one row per line, comma-separated; a first line
    /// that is not numeric is taken as a header and skipped; blank lines are ignored.</summary>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="UsageException">The file is missing, ragged or holds a non-number.</exception>
    public static CsvSource Read(string option, string path)
    {
        string label = $"{option} {path}";
        if (!File.Exists(path))
        {
            throw new UsageException($"{label}: no such file.");
        }

        var values = new List<double>();
        long rows = 0;
        int columns = -1;
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',', StringSplitOptions.TrimEntries);
            var parsed = new double[cells.Length];
            bool numeric = true;
            for (int c = 0; c < cells.Length && numeric; c++)
            {
                numeric = double.TryParse(cells[c], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out parsed[c]);
            }

            if (!numeric)
            {
                if (rows == 0 && columns < 0)
                {
                    columns = cells.Length;
                    continue;
                }

                throw new UsageException($"{label}: line {lineNumber} holds a value that is not a number: '{line}'.");
            }

            if (columns >= 0 && cells.Length != columns)
            {
                throw new UsageException(
                    $"{label}: line {lineNumber} has {cells.Length} columns; the lines before it have {columns}.");
            }

            columns = cells.Length;
            values.AddRange(parsed);
            rows++;
        }

        if (rows == 0)
        {
            throw new UsageException($"{label}: the file holds no rows of numbers.");
        }

        return new CsvSource(label, values.ToArray(), rows, columns);
    }

    /// <inheritdoc/>
    public void ReadRows(long first, int count, int rowLength, Span<double> destination) =>
        _values.AsSpan(checked((int)(first * rowLength)), count * rowLength).CopyTo(destination);

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

/// <summary>A small array given on the command line (e.g. <c>--p0 1,2.5,0</c>).</summary>
internal sealed class ListSource : IRowSource
{
    private readonly double[] _values;

    /// <summary>Parses a comma-separated list.</summary>
    /// <param name="option">The option, for messages.</param>
    /// <param name="text">The list.</param>
    /// <exception cref="UsageException">An entry is not a number.</exception>
    public ListSource(string option, string text)
    {
        Label = option;
        string[] cells = text.Split(',', StringSplitOptions.TrimEntries);
        _values = new double[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            if (!double.TryParse(cells[i], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out _values[i]))
            {
                throw new UsageException($"{option}: '{cells[i]}' (entry {i + 1} of '{text}') is not a number.");
            }
        }

        Shape = [_values.Length];
    }

    /// <inheritdoc/>
    public string Label { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Shape { get; }

    /// <inheritdoc/>
    public void ReadRows(long first, int count, int rowLength, Span<double> destination) =>
        _values.AsSpan(checked((int)(first * rowLength)), count * rowLength).CopyTo(destination);

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

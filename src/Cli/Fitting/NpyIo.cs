using GpuLm.Cli.Npy;

namespace GpuLm.Cli.Fitting;

/// <summary>The .npy files of a fit as row sources and sinks.</summary>
internal static class NpyIo
{
    /// <summary>Opens an input .npy (memory-mapped).</summary>
    /// <param name="option">The option that named it, for messages.</param>
    /// <param name="path">The file.</param>
    /// <returns>The source.</returns>
    /// <exception cref="UsageException">The file is missing or not a .npy gpulm reads; the message says why.</exception>
    public static IRowSource OpenSource(string option, string path)
    {
        string label = $"{option} {path}";
        if (!File.Exists(path))
        {
            throw new UsageException($"{label}: no such file.");
        }

        try
        {
            return new NpySource(label, new NpyReader(path));
        }
        catch (NpyFormatException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>Creates an output .npy of <paramref name="shape"/>, float64 or int32.</summary>
    /// <param name="path">The file.</param>
    /// <param name="integer">int32 rather than float64.</param>
    /// <param name="shape">The array's shape.</param>
    /// <returns>The sink, appending in C order.</returns>
    public static IRowSink CreateSink(string path, bool integer, long[] shape) =>
        new NpySink(new NpyWriter(path, integer ? NpyDtype.Int32 : NpyDtype.Float64, shape));

    private sealed class NpySource(string label, NpyReader reader) : IRowSource
    {
        public string Label { get; } = label;

        public IReadOnlyList<long> Shape => reader.Header.Shape;

        public void ReadRows(long first, int count, int rowLength, Span<double> destination) =>
            reader.ReadRows(first, count, rowLength, destination);

        public void Dispose() => reader.Dispose();
    }

    private sealed class NpySink(NpyWriter writer) : IRowSink
    {
        public void Write(ReadOnlySpan<double> values) => writer.Append(values);

        public void Write(ReadOnlySpan<int> values) => writer.Append(values);

        public void Dispose() => writer.Dispose();
    }
}

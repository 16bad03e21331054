using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GpuLm.Cli.Npy;

/// <summary>Writes a .npy file of known shape row range by row range, without holding the array in memory.</summary>
/// <remarks>
/// The counterpart of <c>numpy.lib.format.open_memmap(path, mode='w+', dtype, shape)</c>. The constructor writes
/// the header NumPy's <c>np.save</c> would write and sets the file to its full length at once, so the file is a
/// valid .npy of the declared shape from the start: elements never written read back as zero. Rows go either
/// to explicit positions (<see cref="WriteRows(long, long, ReadOnlySpan{double})"/>, in any order) or after
/// the last appended ones (<see cref="Append(ReadOnlySpan{double})"/>). Doubles go to float files (float32
/// rounds to nearest), ints to integer files.
/// </remarks>
internal sealed class NpyWriter : IDisposable
{
    /// <summary>Elements converted per step, bounding the scratch buffer at 64 KiB.</summary>
    private const int ConversionChunk = 8192;

    private readonly string _path;
    private readonly SafeFileHandle _file;
    private long _appended;

    /// <summary>Creates (or overwrites) <paramref name="path"/> with the header for <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="dtype">The element type to store.</param>
    /// <param name="shape">The array's shape, C order; empty for a 0-d array.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis of <paramref name="shape"/> is negative, or <paramref name="dtype"/> is not defined.</exception>
    /// <exception cref="ArgumentException">The array would exceed 2^63 − 1 bytes.</exception>
    /// <exception cref="IOException">Creating the file failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public NpyWriter(string path, NpyDtype dtype, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(path);
        NpyReader.RequireLittleEndian();
        Header = NpyHeader.Create(dtype, shape, out byte[] headerBytes);
        _path = path;
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            RandomAccess.Write(_file, headerBytes, 0);
            RandomAccess.SetLength(_file, Header.DataOffset + Header.DataLength);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>The header written.</summary>
    public NpyHeader Header { get; }

    /// <summary>How many elements <see cref="Append(ReadOnlySpan{double})"/> has written so far.</summary>
    public long Appended => _appended;

    /// <summary>Writes whole rows starting at row <paramref name="firstRow"/>.</summary>
    /// <param name="firstRow">The first row to write.</param>
    /// <param name="rowLength">The elements in one row, usually <see cref="NpyHeader.RowLength"/>.</param>
    /// <param name="rows">The rows in C order; a whole number of rows.</param>
    /// <exception cref="InvalidOperationException">The file holds integers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, or the rows run past the end of the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is not a whole number of rows.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteRows(long firstRow, long rowLength, ReadOnlySpan<double> rows) =>
        WriteElements(FirstElement(firstRow, rowLength, rows.Length, nameof(rows)), rows);

    /// <summary>Writes whole rows of integers starting at row <paramref name="firstRow"/>.</summary>
    /// <param name="firstRow">The first row to write.</param>
    /// <param name="rowLength">The elements in one row.</param>
    /// <param name="rows">The rows in C order; a whole number of rows.</param>
    /// <exception cref="InvalidOperationException">The file holds floats.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, or the rows run past the end of the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is not a whole number of rows.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void WriteRows(long firstRow, long rowLength, ReadOnlySpan<int> rows) =>
        WriteElements(FirstElement(firstRow, rowLength, rows.Length, nameof(rows)), rows);

    /// <summary>Writes <paramref name="values"/> after the elements appended so far.</summary>
    /// <param name="values">The next elements in C order.</param>
    /// <exception cref="InvalidOperationException">The file holds integers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The values run past the end of the array.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void Append(ReadOnlySpan<double> values)
    {
        WriteElements(_appended, values);
        _appended += values.Length;
    }

    /// <summary>Writes <paramref name="values"/> after the elements appended so far.</summary>
    /// <param name="values">The next elements in C order.</param>
    /// <exception cref="InvalidOperationException">The file holds floats.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The values run past the end of the array.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void Append(ReadOnlySpan<int> values)
    {
        WriteElements(_appended, values);
        _appended += values.Length;
    }

    /// <summary>Closes the file; elements never written stay zero.</summary>
    public void Dispose() => _file.Dispose();

    private long FirstElement(long firstRow, long rowLength, int length, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rowLength);
        if (rowLength == 0 ? length != 0 : length % rowLength != 0)
        {
            throw new ArgumentException($"Holds {length} elements, not a whole number of rows of {rowLength}.", parameterName);
        }

        if (rowLength > 0 && firstRow > Header.ElementCount / rowLength)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"Row {firstRow} of {rowLength} elements lies past the {Header.ElementCount} elements of {_path}.");
        }

        return firstRow * rowLength;
    }

    private void WriteElements(long first, ReadOnlySpan<double> values)
    {
        CheckRange(first, values.Length, integers: false);
        long offset = Header.DataOffset + first * Header.ItemSize;
        if (Header.Dtype == NpyDtype.Float64)
        {
            RandomAccess.Write(_file, MemoryMarshal.AsBytes(values), offset);
            return;
        }

        Narrow<double, float>(values, offset);
    }

    private void WriteElements(long first, ReadOnlySpan<int> values)
    {
        CheckRange(first, values.Length, integers: true);
        long offset = Header.DataOffset + first * Header.ItemSize;
        if (Header.Dtype == NpyDtype.Int32)
        {
            RandomAccess.Write(_file, MemoryMarshal.AsBytes(values), offset);
            return;
        }

        Narrow<int, long>(values, offset);
    }

    private void Narrow<TIn, TOut>(ReadOnlySpan<TIn> values, long offset)
        where TIn : unmanaged, INumberBase<TIn>
        where TOut : unmanaged, INumberBase<TOut>
    {
        TOut[] scratch = ArrayPool<TOut>.Shared.Rent(Math.Min(values.Length, ConversionChunk));
        try
        {
            long itemSize = Unsafe.SizeOf<TOut>();
            for (int done = 0; done < values.Length;)
            {
                int n = Math.Min(values.Length - done, scratch.Length);
                Span<TOut> chunk = scratch.AsSpan(0, n);
                ReadOnlySpan<TIn> source = values.Slice(done, n);
                for (int i = 0; i < n; i++)
                {
                    chunk[i] = TOut.CreateTruncating(source[i]);
                }

                RandomAccess.Write(_file, MemoryMarshal.AsBytes((ReadOnlySpan<TOut>)chunk), offset + done * itemSize);
                done += n;
            }
        }
        finally
        {
            ArrayPool<TOut>.Shared.Return(scratch);
        }
    }

    private void CheckRange(long first, int length, bool integers)
    {
        ObjectDisposedException.ThrowIf(_file.IsClosed, this);
        if (Header.Dtype.IsInteger() != integers)
        {
            throw new InvalidOperationException($"{_path} holds {Header.Dtype.Name()}; write {(integers ? "double" : "int")} values to it.");
        }

        if (length > Header.ElementCount - first)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Elements {first} to {first + length - 1} run past the {Header.ElementCount} elements of {_path}.");
        }
    }
}

using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GpuLm.Cli.Npy;

/// <summary>Reads row ranges of a .npy file through a memory map, so files larger than memory stream in chunks.</summary>
/// <remarks>
/// The counterpart of <c>numpy.load(path, mmap_mode='r')</c> followed by slicing rows. Rows are runs of
/// <c>rowLength</c> consecutive elements in C order: rows of the first axis, or of the first several axes
/// flattened (<see cref="NpyHeader.RowLength"/>). Float32 and integer data are converted to double on the fly
/// through a bounded scratch buffer; nothing the size of the file is ever allocated. <see cref="ReadRows(long, int, long, Span{double})"/>
/// may be called from several threads at once.
/// </remarks>
internal sealed class NpyReader : IDisposable
{
    /// <summary>Elements converted per step, bounding the scratch buffer at 64 KiB.</summary>
    private const int ConversionChunk = 8192;

    private readonly string _path;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly ulong _dataStart;
    private bool _disposed;

    /// <summary>Opens <paramref name="path"/>, checks its header and maps it for reading.</summary>
    /// <param name="path">The .npy file.</param>
    /// <exception cref="NpyFormatException">The file is not a .npy file gpulm can read; the message says why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">Opening or mapping the file failed.</exception>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    public NpyReader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        _path = path;
        FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        try
        {
            Header = NpyHeader.Read(stream, path);
            _map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        try
        {
            _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        }
        catch
        {
            _map.Dispose();
            throw;
        }

        _dataStart = (ulong)(_view.PointerOffset + Header.DataOffset);
    }

    /// <summary>The file's header.</summary>
    public NpyHeader Header { get; }

    /// <summary>Reads rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rowCount"/> − 1 as doubles.</summary>
    /// <param name="firstRow">The first row to read.</param>
    /// <param name="rowCount">How many rows to read.</param>
    /// <param name="rowLength">The elements in one row, usually <see cref="NpyHeader.RowLength"/>.</param>
    /// <param name="destination">Receives the rows in C order in its first <paramref name="rowCount"/> × <paramref name="rowLength"/> elements.</param>
    /// <remarks>Float32 widens exactly; int64 values beyond 2^53 round to the nearest double.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, or the rows run past the end of the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ObjectDisposedException">The reader is disposed.</exception>
    public void ReadRows(long firstRow, int rowCount, long rowLength, Span<double> destination)
    {
        long first = CheckRows(firstRow, rowCount, rowLength);
        CheckDestination(rowCount, rowLength, destination.Length, nameof(destination));
        Span<double> target = destination[..(int)(rowCount * rowLength)];
        ulong offset = _dataStart + (ulong)(first * Header.ItemSize);
        SafeBuffer buffer = _view.SafeMemoryMappedViewHandle;
        switch (Header.Dtype)
        {
            case NpyDtype.Float64:
                buffer.ReadSpan(offset, target);
                break;
            case NpyDtype.Float32:
                Widen<float>(buffer, offset, target);
                break;
            case NpyDtype.Int32:
                Widen<int>(buffer, offset, target);
                break;
            default:
                Widen<long>(buffer, offset, target);
                break;
        }
    }

    /// <summary>Reads rows of an integer file as int32.</summary>
    /// <param name="firstRow">The first row to read.</param>
    /// <param name="rowCount">How many rows to read.</param>
    /// <param name="rowLength">The elements in one row.</param>
    /// <param name="destination">Receives the rows in C order in its first <paramref name="rowCount"/> × <paramref name="rowLength"/> elements.</param>
    /// <exception cref="NpyFormatException">The file holds floats, or an int64 value outside the int32 range.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, or the rows run past the end of the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ObjectDisposedException">The reader is disposed.</exception>
    public void ReadRows(long firstRow, int rowCount, long rowLength, Span<int> destination)
    {
        long first = CheckRows(firstRow, rowCount, rowLength);
        CheckDestination(rowCount, rowLength, destination.Length, nameof(destination));
        if (!Header.Dtype.IsInteger())
        {
            throw new NpyFormatException(_path, $"the array holds {Header.Dtype.Name()} ('{Header.Descr}'), but an integer array ('<i4' or '<i8') is expected; save arr.astype('<i4').");
        }

        Span<int> target = destination[..(int)(rowCount * rowLength)];
        ulong offset = _dataStart + (ulong)(first * Header.ItemSize);
        SafeBuffer buffer = _view.SafeMemoryMappedViewHandle;
        if (Header.Dtype == NpyDtype.Int32)
        {
            buffer.ReadSpan(offset, target);
            return;
        }

        long[] scratch = ArrayPool<long>.Shared.Rent(Math.Min(target.Length, ConversionChunk));
        try
        {
            for (int done = 0; done < target.Length;)
            {
                int n = Math.Min(target.Length - done, scratch.Length);
                Span<long> chunk = scratch.AsSpan(0, n);
                buffer.ReadSpan(offset + (ulong)done * sizeof(long), chunk);
                for (int i = 0; i < n; i++)
                {
                    long value = chunk[i];
                    if (value is < int.MinValue or > int.MaxValue)
                    {
                        throw new NpyFormatException(_path, $"element {first + done + i} (flat C-order index) is {value}, outside the int32 range.");
                    }

                    target[done + i] = (int)value;
                }

                done += n;
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scratch);
        }
    }

    /// <summary>Unmaps and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.Dispose();
        _map.Dispose();
    }

    /// <summary>Throws on a big-endian machine, where the little-endian bytes would need swapping.</summary>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian.</exception>
    internal static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(".npy files are read and written on little-endian machines only.");
        }
    }

    private static void Widen<T>(SafeBuffer buffer, ulong offset, Span<double> target)
        where T : unmanaged, INumberBase<T>
    {
        T[] scratch = ArrayPool<T>.Shared.Rent(Math.Min(target.Length, ConversionChunk));
        try
        {
            ulong itemSize = (ulong)Unsafe.SizeOf<T>();
            for (int done = 0; done < target.Length;)
            {
                int n = Math.Min(target.Length - done, scratch.Length);
                Span<T> chunk = scratch.AsSpan(0, n);
                buffer.ReadSpan(offset + (ulong)done * itemSize, chunk);
                Span<double> output = target.Slice(done, n);
                for (int i = 0; i < n; i++)
                {
                    output[i] = double.CreateTruncating(chunk[i]);
                }

                done += n;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    private static void CheckDestination(int rowCount, long rowLength, int destinationLength, string parameterName)
    {
        long elements = rowCount * rowLength;
        if (elements > destinationLength)
        {
            throw new ArgumentException($"Holds {destinationLength} elements; {rowCount} rows of {rowLength} need {elements}.", parameterName);
        }
    }

    private long CheckRows(long firstRow, int rowCount, long rowLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(rowLength);
        long count = Header.ElementCount;
        if (rowLength > 0 && (firstRow > count / rowLength || rowCount > count / rowLength - firstRow))
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"Rows {firstRow} to {firstRow + rowCount - 1} of {rowLength} elements run past the {count} elements of {_path}.");
        }

        return firstRow * rowLength;
    }
}

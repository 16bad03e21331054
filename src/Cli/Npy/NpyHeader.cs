using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace GpuLm.Cli.Npy;

/// <summary>What a .npy header says: element type, shape, and where the data starts.</summary>
/// <remarks>
/// The counterpart of <c>numpy.lib.format.read_array_header_1_0</c>/<c>_2_0</c> and
/// <c>_write_array_header</c>. A header gpulm accepts always describes C-ordered, little-endian data of a
/// supported <see cref="NpyDtype"/>; a Fortran-ordered header is accepted only where the two orders store
/// the same bytes (at most one axis longer than 1).
/// </remarks>
internal sealed class NpyHeader
{
    /// <summary>The six bytes every .npy file starts with.</summary>
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy aligns the data to this many bytes (<c>ARRAY_ALIGN</c>).</summary>
    private const int ArrayAlign = 64;

    /// <summary>NumPy leaves room for the first axis to grow to this many digits (<c>GROWTH_AXIS_MAX_DIGITS</c>).</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>The longest header accepted; NumPy's own default limit is 10,000 characters.</summary>
    private const int MaxHeaderLength = 1 << 20;

    private readonly long[] _shape;

    private NpyHeader(NpyDtype dtype, long[] shape, long elementCount, int majorVersion, long dataOffset)
    {
        Dtype = dtype;
        _shape = shape;
        ElementCount = elementCount;
        MajorVersion = majorVersion;
        DataOffset = dataOffset;
    }

    /// <summary>The element type.</summary>
    public NpyDtype Dtype { get; }

    /// <summary>The header's <c>descr</c>, such as <c>&lt;f8</c>.</summary>
    public string Descr => Dtype.Descr();

    /// <summary>The array's shape; empty for a 0-d array, and any axis may be 0.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a 0-d array).</summary>
    public long ElementCount { get; }

    /// <summary>The bytes of one element.</summary>
    public int ItemSize => Dtype.ItemSize();

    /// <summary>The bytes of data after the header: <see cref="ElementCount"/> × <see cref="ItemSize"/>.</summary>
    public long DataLength => ElementCount * ItemSize;

    /// <summary>The format's major version: 1, 2 or 3 (the minor version is always 0).</summary>
    public int MajorVersion { get; }

    /// <summary>The byte offset of the first element in the file.</summary>
    public long DataOffset { get; }

    /// <summary>The elements in one row when the first <paramref name="leadingAxes"/> axes are flattened into rows.</summary>
    /// <param name="leadingAxes">How many leading axes index the rows: 1 for a (N, m) array, 2 for a (H, W, m) stack.</param>
    /// <returns>The product of the remaining axes (1 when none remain).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadingAxes"/> is negative or exceeds the rank.</exception>
    public long RowLength(int leadingAxes) => Product(CheckedAxes(leadingAxes)..);

    /// <summary>The number of rows when the first <paramref name="leadingAxes"/> axes are flattened into rows.</summary>
    /// <param name="leadingAxes">How many leading axes index the rows.</param>
    /// <returns>The product of the leading axes (1 when <paramref name="leadingAxes"/> is 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadingAxes"/> is negative or exceeds the rank.</exception>
    public long RowCount(int leadingAxes) => Product(..CheckedAxes(leadingAxes));

    /// <summary>Formats the shape as Python does: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    /// <returns>The shape tuple.</returns>
    public string ShapeText() => FormatShape(_shape);

    /// <summary>Builds the header NumPy's <c>np.save</c> would write for <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <param name="shape">The shape; empty for a 0-d array.</param>
    /// <param name="bytes">The magic string, version, header length and padded header: <see cref="DataOffset"/> bytes.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An axis of <paramref name="shape"/> is negative.</exception>
    /// <exception cref="ArgumentException">The array would exceed 2^63 − 1 bytes.</exception>
    internal static NpyHeader Create(NpyDtype dtype, ReadOnlySpan<long> shape, out byte[] bytes)
    {
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (shape[axis] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Axis {axis} of shape {FormatShape(shape)} is negative.");
            }
        }

        if (!TryCount(shape, dtype.ItemSize(), out long count))
        {
            throw new ArgumentException($"Shape {FormatShape(shape)} of {dtype.Name()} exceeds 2^63 - 1 bytes.", nameof(shape));
        }

        // numpy.lib.format._write_array_header: sorted keys, repr values, room for the first axis to grow.
        StringBuilder dict = new();
        dict.Append("{'descr': '").Append(dtype.Descr()).Append("', 'fortran_order': False, 'shape': ")
            .Append(FormatShape(shape)).Append(", }");
        if (shape.Length > 0)
        {
            dict.Append(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length));
        }

        // _wrap_header_guess_version: version 1.0 while the length fits its two-byte field.
        byte[] text = Encoding.ASCII.GetBytes(dict.ToString());
        int major = 1;
        int lengthSize = 2;
        int padded = PaddedLength(text.Length, lengthSize);
        if (padded > ushort.MaxValue)
        {
            major = 2;
            lengthSize = 4;
            padded = PaddedLength(text.Length, lengthSize);
        }

        int prefix = Magic.Length + 2 + lengthSize;
        bytes = new byte[prefix + padded];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        }

        text.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + text.Length).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return new NpyHeader(dtype, shape.ToArray(), count, major, bytes.Length);
    }

    /// <summary>Reads and checks the header of <paramref name="stream"/>, which must be positioned at the file's start.</summary>
    /// <param name="stream">The open file.</param>
    /// <param name="path">The file's path, for messages.</param>
    /// <returns>The header; the file is long enough to hold all of its data.</returns>
    /// <exception cref="NpyFormatException">The file is not a .npy file gpulm can read; the message says why.</exception>
    /// <exception cref="IOException">Reading the file failed.</exception>
    internal static NpyHeader Read(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        CheckMagic(prefix[..got], path);
        if (got < 8)
        {
            throw new NpyFormatException(path, $"truncated header: the file is only {got} bytes long, shorter than the 10-byte .npy prefix.");
        }

        int major = prefix[6];
        int minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new NpyFormatException(path, $"unsupported .npy format version {major}.{minor}; supported versions are 1.0, 2.0 and 3.0.");
        }

        int lengthSize = major == 1 ? 2 : 4;
        int lengthGot = stream.ReadAtLeast(prefix.Slice(8, lengthSize), lengthSize, throwOnEndOfStream: false);
        if (lengthGot < lengthSize)
        {
            throw new NpyFormatException(path, $"truncated header: the file ends after {8 + lengthGot} bytes, inside the {lengthSize}-byte header length of format {major}.0.");
        }

        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        long prefixLength = 8 + lengthSize;
        if (prefixLength + headerLength > fileLength)
        {
            throw new NpyFormatException(path, $"truncated header: the header declares {headerLength} bytes but the file holds only {fileLength - prefixLength} after the {prefixLength}-byte prefix.");
        }

        if (headerLength > MaxHeaderLength)
        {
            throw new NpyFormatException(path, $"the header declares {headerLength} bytes, more than the {MaxHeaderLength} a sane header needs; the file is corrupt.");
        }

        byte[] headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = DecodeHeader(headerBytes, major, path);
        (NpyDtype dtype, long[] shape) = ParseDict(header, path);
        if (!TryCount(shape, dtype.ItemSize(), out long count))
        {
            throw new NpyFormatException(path, $"shape {FormatShape(shape)} of {dtype.Name()} overflows: its size in bytes exceeds 2^63 - 1.");
        }

        long dataOffset = prefixLength + headerLength;
        long dataLength = count * dtype.ItemSize();
        long available = fileLength - dataOffset;
        if (available < dataLength)
        {
            throw new NpyFormatException(path, $"truncated data: shape {FormatShape(shape)} of {dtype.Name()} needs {dataLength} bytes of data after the {dataOffset}-byte header, but the file holds only {available}.");
        }

        return new NpyHeader(dtype, shape, count, major, dataOffset);
    }

    private static void CheckMagic(ReadOnlySpan<byte> start, string path)
    {
        int compared = Math.Min(start.Length, Magic.Length);
        if (start.Length > 0 && start[..compared].SequenceEqual(Magic[..compared]))
        {
            if (compared < Magic.Length)
            {
                throw new NpyFormatException(path, $"truncated header: the file is only {start.Length} bytes long, shorter than the 10-byte .npy prefix.");
            }

            return;
        }

        if (start.Length == 0)
        {
            throw new NpyFormatException(path, "not a .npy file: the file is empty.");
        }

        string hint = start.Length >= 2 && start[0] == (byte)'P' && start[1] == (byte)'K'
            ? " It looks like a zip archive (.npz): save one array with numpy.save instead of numpy.savez."
            : string.Empty;
        throw new NpyFormatException(path, $"not a .npy file: it starts with bytes {Convert.ToHexString(start[..compared])}, not the magic string \\x93NUMPY.{hint}");
    }

    private static string DecodeHeader(byte[] headerBytes, int major, string path)
    {
        if (major < 3)
        {
            return Encoding.Latin1.GetString(headerBytes);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new NpyFormatException(path, "the header of this format 3.0 file is not valid UTF-8.");
        }
    }

    private static (NpyDtype Dtype, long[] Shape) ParseDict(string header, string path)
    {
        object? literal;
        try
        {
            literal = PythonLiteral.Parse(header);
        }
        catch (FormatException e)
        {
            throw new NpyFormatException(path, $"the header is not a valid Python dict literal ({e.Message}): {Quote(header)}");
        }

        if (literal is not Dictionary<string, object?> dict)
        {
            throw new NpyFormatException(path, $"the header is not a Python dict: {Quote(header)}");
        }

        string[] expected = ["descr", "fortran_order", "shape"];
        string[] missing = [.. expected.Where(key => !dict.ContainsKey(key))];
        if (missing.Length > 0)
        {
            throw new NpyFormatException(path, $"the header lacks the key{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(k => "'" + k + "'"))}; a .npy header has exactly 'descr', 'fortran_order' and 'shape': {Quote(header)}");
        }

        string[] extra = [.. dict.Keys.Where(key => !expected.Contains(key))];
        if (extra.Length > 0)
        {
            throw new NpyFormatException(path, $"the header has the unexpected key{(extra.Length > 1 ? "s" : string.Empty)} {string.Join(", ", extra.Select(k => "'" + k + "'"))}; a .npy header has exactly 'descr', 'fortran_order' and 'shape'.");
        }

        NpyDtype dtype = ParseDescr(dict["descr"], path);
        long[] shape = ParseShape(dict["shape"], path);
        if (dict["fortran_order"] is not bool fortranOrder)
        {
            throw new NpyFormatException(path, $"'fortran_order' must be True or False, not {PythonLiteral.Repr(dict["fortran_order"])}.");
        }

        if (fortranOrder && shape.Count(n => n > 1) > 1)
        {
            throw new NpyFormatException(path, $"the array is stored in Fortran (column-major) order ('fortran_order': True), shape {FormatShape(shape)}; gpulm reads C order only. Save numpy.ascontiguousarray(arr) instead.");
        }

        return (dtype, shape);
    }

    private static NpyDtype ParseDescr(object? descr, string path)
    {
        if (descr is PythonLiteral.PythonList)
        {
            throw new NpyFormatException(path, $"structured dtype {PythonLiteral.Repr(descr)} is not supported; supported dtypes are {NpyDtypeExtensions.SupportedList}.");
        }

        if (descr is not string text)
        {
            throw new NpyFormatException(path, $"'descr' must be a dtype string such as '<f8', not {PythonLiteral.Repr(descr)}.");
        }

        if (NpyDtypeExtensions.TryParse(text, out NpyDtype dtype))
        {
            return dtype;
        }

        if (text.Length > 1 && text[0] == '>' && NpyDtypeExtensions.TryParse("<" + text[1..], out NpyDtype swapped))
        {
            throw new NpyFormatException(path, $"dtype '{text}' is big-endian; gpulm reads little-endian data only. Convert with arr.astype('{swapped.Descr()}') before saving.");
        }

        if (text.Length > 1 && text[1] == 'O')
        {
            throw new NpyFormatException(path, $"dtype '{text}' is an object array (pickled Python objects), not numbers; convert with arr.astype('<f8'). Supported dtypes are {NpyDtypeExtensions.SupportedList}.");
        }

        throw new NpyFormatException(path, $"unsupported dtype '{text}'; supported dtypes are {NpyDtypeExtensions.SupportedList}.");
    }

    private static long[] ParseShape(object? shape, string path)
    {
        if (shape is not PythonLiteral.PythonTuple tuple || !tuple.Items.All(item => item is BigInteger))
        {
            throw new NpyFormatException(path, $"'shape' must be a tuple of integers, not {PythonLiteral.Repr(shape)}.");
        }

        long[] axes = new long[tuple.Items.Count];
        for (int axis = 0; axis < axes.Length; axis++)
        {
            BigInteger n = (BigInteger)tuple.Items[axis]!;
            if (n.Sign < 0)
            {
                throw new NpyFormatException(path, $"axis {axis} of shape {PythonLiteral.Repr(shape)} is negative.");
            }

            if (n > long.MaxValue)
            {
                throw new NpyFormatException(path, $"shape {PythonLiteral.Repr(shape)} overflows: axis {axis} exceeds 2^63 - 1.");
            }

            axes[axis] = (long)n;
        }

        return axes;
    }

    private static bool TryCount(ReadOnlySpan<long> shape, int itemSize, out long count)
    {
        // As NumPy does, the nonzero axes must fit even when another axis makes the array empty,
        // so that every partial product (RowLength, RowCount) fits as well.
        long nonzero = itemSize;
        bool empty = false;
        try
        {
            foreach (long n in shape)
            {
                if (n == 0)
                {
                    empty = true;
                    continue;
                }

                nonzero = checked(nonzero * n);
            }
        }
        catch (OverflowException)
        {
            count = 0;
            return false;
        }

        count = empty ? 0 : nonzero / itemSize;
        return true;
    }

    private static int PaddedLength(int textLength, int lengthSize)
    {
        // _wrap_header: spaces and a final newline so the data starts at a multiple of ARRAY_ALIGN.
        int withNewline = textLength + 1;
        int padding = ArrayAlign - ((Magic.Length + 2 + lengthSize + withNewline) % ArrayAlign);
        return withNewline + padding;
    }

    private static string FormatShape(ReadOnlySpan<long> shape) => shape.Length switch
    {
        0 => "()",
        1 => "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)",
        _ => "(" + string.Join(", ", shape.ToArray().Select(n => n.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    private static string Quote(string header)
    {
        const int limit = 200;
        string trimmed = header.TrimEnd();
        return trimmed.Length <= limit ? trimmed : trimmed[..limit] + "...";
    }

    private int CheckedAxes(int leadingAxes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leadingAxes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leadingAxes, _shape.Length);
        return leadingAxes;
    }

    private long Product(Range axes)
    {
        long product = 1;
        foreach (long n in _shape.AsSpan()[axes])
        {
            product *= n;
        }

        return product;
    }
}

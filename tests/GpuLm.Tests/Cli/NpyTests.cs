using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using GpuLm.Cli.Npy;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>
/// The .npy reader and writer: NumPy-written fixtures (Cli/Fixtures/make_fixtures.py), byte-identical output,
/// chunked memory-mapped reads, and one clear message for each malformed file.
/// </summary>
public sealed class NpyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gpulm-npy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Cli", "Fixtures", name);

    private string Temp(string name) => Path.Combine(_directory, name);

    /// <summary>The float fixtures' values, as make_fixtures.py computes them: i * 0.1 - 0.35.</summary>
    private static double[] Floats(int count) => [.. Enumerable.Range(0, count).Select(i => i * 0.1 - 0.35)];

    /// <summary>A .npy file with the given version and header text, padded as NumPy pads, followed by <paramref name="data"/>.</summary>
    private static byte[] Npy(string header, byte[] data, byte major = 1)
    {
        int lengthSize = major == 1 ? 2 : 4;
        int prefix = 8 + lengthSize;
        int padded = header.Length + 1;
        padded += (64 - (prefix + padded) % 64) % 64;
        byte[] bytes = new byte[prefix + padded + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = major;
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        }

        Encoding.UTF8.GetBytes(header).CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + header.Length, padded - header.Length).Fill((byte)' ');
        bytes[prefix + padded - 1] = (byte)'\n';
        data.CopyTo(bytes, prefix + padded);
        return bytes;
    }

    private static byte[] Doubles(params double[] values)
    {
        byte[] bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    private NpyFormatException ReadMalformed(byte[] bytes)
    {
        string path = Temp("bad.npy");
        File.WriteAllBytes(path, bytes);
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadDoubles(path, out _));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        return e;
    }

    [Theory]
    [InlineData("f8_1d.npy", new long[] { 5 })]
    [InlineData("f8_2d.npy", new long[] { 3, 4 })]
    [InlineData("f8_3d.npy", new long[] { 2, 3, 4 })]
    [InlineData("f8_2d_v2.npy", new long[] { 3, 4 })]
    [InlineData("f8_2d_v3.npy", new long[] { 3, 4 })]
    public void ReadDoubles_Float64Fixture_MatchesNumPyValuesAndShape(string name, long[] expectedShape)
    {
        double[] data = NpyFile.ReadDoubles(Fixture(name), out long[] shape);

        Assert.Equal(expectedShape, shape);
        Assert.Equal(Floats(data.Length), data);
        Assert.Equal(expectedShape.Aggregate(1L, (a, b) => a * b), data.Length);
    }

    [Theory]
    [InlineData("f8_2d.npy", 1)]
    [InlineData("f8_2d_v2.npy", 2)]
    [InlineData("f8_2d_v3.npy", 3)]
    public void ReadHeader_EachFormatVersion_ReportsVersionAndAlignedOffset(string name, int expectedMajor)
    {
        NpyHeader header = NpyFile.ReadHeader(Fixture(name));

        Assert.Equal(expectedMajor, header.MajorVersion);
        Assert.Equal(NpyDtype.Float64, header.Dtype);
        Assert.Equal("<f8", header.Descr);
        Assert.Equal(0, header.DataOffset % 64);
        Assert.Equal(12, header.ElementCount);
        Assert.Equal(96, header.DataLength);
    }

    [Fact]
    public void ReadDoubles_Float32Fixture_WidensExactly()
    {
        double[] data = NpyFile.ReadDoubles(Fixture("f4_2d.npy"), out long[] shape);

        Assert.Equal([3L, 4L], shape);
        Assert.Equal(Floats(12).Select(x => (double)(float)x), data);
        Assert.Equal(NpyDtype.Float32, NpyFile.ReadHeader(Fixture("f4_2d.npy")).Dtype);
    }

    [Fact]
    public void ReadInt32_Int32Fixture_MatchesNumPyValues()
    {
        int[] data = NpyFile.ReadInt32(Fixture("i4_1d.npy"), out long[] shape);

        Assert.Equal([6L], shape);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 7 - 20), data);
    }

    [Fact]
    public void ReadInt32_Int64FixtureInRange_Narrows()
    {
        int[] data = NpyFile.ReadInt32(Fixture("i8_2d.npy"), out long[] shape);

        Assert.Equal([2L, 3L], shape);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 1000 - 2500), data);
    }

    [Fact]
    public void ReadDoubles_IntegerFixtures_ConvertToDouble()
    {
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 7.0 - 20.0), NpyFile.ReadDoubles(Fixture("i4_1d.npy"), out _));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 1000.0 - 2500.0), NpyFile.ReadDoubles(Fixture("i8_2d.npy"), out _));
    }

    [Fact]
    public void ReadDoubles_ZeroDimensionalFixture_ReturnsOneValueAndEmptyShape()
    {
        double[] data = NpyFile.ReadDoubles(Fixture("f8_0d.npy"), out long[] shape);

        Assert.Empty(shape);
        Assert.Equal([3.25], data);
    }

    [Theory]
    [InlineData("f8_empty.npy", new long[] { 0, 3 })]
    [InlineData("i4_empty.npy", new long[] { 2, 0, 4 })]
    public void ReadDoubles_EmptyFixture_ReturnsNoValuesAndShapeWithZero(string name, long[] expectedShape)
    {
        double[] data = NpyFile.ReadDoubles(Fixture(name), out long[] shape);

        Assert.Equal(expectedShape, shape);
        Assert.Empty(data);
    }

    [Theory]
    [InlineData("f8_1d.npy")]
    [InlineData("f8_2d.npy")]
    [InlineData("f8_3d.npy")]
    [InlineData("f4_2d.npy")]
    [InlineData("f8_0d.npy")]
    [InlineData("f8_empty.npy")]
    public void Write_SameFloatArrayAsNumPy_ProducesIdenticalBytes(string name)
    {
        NpyHeader header = NpyFile.ReadHeader(Fixture(name));
        double[] data = NpyFile.ReadDoubles(Fixture(name), out long[] shape);
        string path = Temp(name);

        NpyFile.Write(path, data, shape, header.Dtype);

        Assert.Equal(File.ReadAllBytes(Fixture(name)), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("i4_1d.npy")]
    [InlineData("i8_2d.npy")]
    [InlineData("i4_empty.npy")]
    public void Write_SameIntegerArrayAsNumPy_ProducesIdenticalBytes(string name)
    {
        NpyHeader header = NpyFile.ReadHeader(Fixture(name));
        int[] data = NpyFile.ReadInt32(Fixture(name), out long[] shape);
        string path = Temp(name);

        NpyFile.Write(path, data, shape, header.Dtype);

        Assert.Equal(File.ReadAllBytes(Fixture(name)), File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_ThenReadDoubles_RoundTripsExactly()
    {
        double[] data = [Math.PI, -0.0, double.Epsilon, double.MaxValue, double.NaN, double.NegativeInfinity];
        string path = Temp("roundtrip.npy");

        NpyFile.Write(path, data, [2, 1, 3]);
        double[] back = NpyFile.ReadDoubles(path, out long[] shape);

        Assert.Equal([2L, 1L, 3L], shape);
        Assert.Equal(data.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Write_ShapeNotMatchingData_ThrowsWithoutCreatingFile()
    {
        string path = Temp("mismatch.npy");

        ArgumentException e = Assert.Throws<ArgumentException>(() => NpyFile.Write(path, [1.0, 2.0, 3.0], [2, 2]));

        Assert.Contains("(2, 2) has 4 elements but data has 3", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NpyWriter_HeaderLongerThan65535Bytes_WritesVersion2()
    {
        long[] shape = [.. Enumerable.Repeat(1L, 25_000)];
        string path = Temp("long-header.npy");

        NpyFile.Write(path, [2.5], shape);
        NpyHeader header = NpyFile.ReadHeader(path);
        double[] back = NpyFile.ReadDoubles(path, out long[] backShape);

        Assert.Equal(2, header.MajorVersion);
        Assert.True(header.DataOffset > ushort.MaxValue);
        Assert.Equal(0, header.DataOffset % 64);
        Assert.Equal(shape, backShape);
        Assert.Equal([2.5], back);
    }

    [Fact]
    public void NpyReader_ChunkedRowsOfFlattenedLeadingAxes_EqualWholeRead()
    {
        // A (H, W, m) float32 stack read as H*W pixel rows of m samples, 4 pixels at a time.
        const int h = 7, w = 5, m = 3;
        double[] values = [.. Floats(h * w * m).Select(x => x * 37.0)];
        string path = Temp("stack.npy");
        NpyFile.Write(path, values, [h, w, m], NpyDtype.Float32);
        double[] whole = NpyFile.ReadDoubles(path, out _);

        using NpyReader reader = new(path);
        long rows = reader.Header.RowCount(2);
        long rowLength = reader.Header.RowLength(2);
        double[] chunked = new double[whole.Length];
        double[] buffer = new double[4 * rowLength];
        for (long first = 0; first < rows; first += 4)
        {
            int count = (int)Math.Min(4, rows - first);
            reader.ReadRows(first, count, rowLength, buffer);
            Array.Copy(buffer, 0, chunked, first * rowLength, count * rowLength);
        }

        Assert.Equal(h * w, rows);
        Assert.Equal(m, rowLength);
        Assert.Equal(whole, chunked);
        Assert.Equal(values.Select(x => (double)(float)x), whole);
    }

    [Fact]
    public void NpyReader_ConversionsLongerThanOneScratchChunk_ConvertEveryElement()
    {
        // 20,000 elements cross the reader's and writer's 8,192-element conversion chunks twice.
        const int n = 20_000;
        double[] values = [.. Floats(n).Select(x => x * 1e3)];
        int[] integers = [.. Enumerable.Range(0, n).Select(i => i * 1_000 - 7_000_000)];
        NpyFile.Write(Temp("f4.npy"), values, [n / 4, 4], NpyDtype.Float32);
        NpyFile.Write(Temp("i8.npy"), integers, [n], NpyDtype.Int64);

        double[] floats = new double[n - 4];
        using (NpyReader reader = new(Temp("f4.npy")))
        {
            reader.ReadRows(1, n / 4 - 1, 4, floats);
        }

        Assert.Equal(values[4..].Select(x => (double)(float)x), floats);
        Assert.Equal(integers, NpyFile.ReadInt32(Temp("i8.npy"), out _));
        Assert.Equal(integers.Select(i => (double)i), NpyFile.ReadDoubles(Temp("i8.npy"), out _));
    }

    [Fact]
    public void NpyReader_ReadRowsPastTheEnd_ThrowsArgumentOutOfRange()
    {
        using NpyReader reader = new(Fixture("f8_2d.npy"));
        double[] buffer = new double[8];

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadRows(2, 2, 4, buffer));
        Assert.Throws<ArgumentException>(() => reader.ReadRows(0, 3, 4, buffer));
    }

    [Fact]
    public void NpyReader_LastRowOnly_ReadsThatRow()
    {
        using NpyReader reader = new(Fixture("f8_3d.npy"));
        double[] row = new double[4];

        reader.ReadRows(5, 1, reader.Header.RowLength(2), row);

        Assert.Equal(Floats(24)[20..], row);
    }

    [Fact]
    public void NpyWriter_RowsWrittenOutOfOrder_EqualWholeWrite()
    {
        double[] values = Floats(12);
        string path = Temp("rows.npy");

        using (NpyWriter writer = new(path, NpyDtype.Float64, [3, 4]))
        {
            writer.WriteRows(2, 4, values.AsSpan(8, 4));
            writer.WriteRows(0, 4, values.AsSpan(0, 8));
        }

        Assert.Equal(File.ReadAllBytes(Fixture("f8_2d.npy")), File.ReadAllBytes(path));
    }

    [Fact]
    public void NpyWriter_AppendInChunks_EqualsWholeWrite()
    {
        int[] values = [.. Enumerable.Range(0, 6).Select(i => i * 1000 - 2500)];
        string path = Temp("append.npy");

        using (NpyWriter writer = new(path, NpyDtype.Int64, [2, 3]))
        {
            writer.Append(values.AsSpan(0, 4));
            writer.Append(values.AsSpan(4));
            Assert.Equal(6, writer.Appended);
        }

        Assert.Equal(File.ReadAllBytes(Fixture("i8_2d.npy")), File.ReadAllBytes(path));
    }

    [Fact]
    public void NpyWriter_DisposedBeforeAllRows_LeavesDeclaredShapeWithZeros()
    {
        string path = Temp("partial.npy");

        using (NpyWriter writer = new(path, NpyDtype.Float64, [3, 2]))
        {
            writer.WriteRows(1, 2, [5.0, 6.0]);
        }

        double[] back = NpyFile.ReadDoubles(path, out long[] shape);
        Assert.Equal([3L, 2L], shape);
        Assert.Equal([0.0, 0.0, 5.0, 6.0, 0.0, 0.0], back);
    }

    [Fact]
    public void NpyWriter_PastTheEndOrWrongKind_Throws()
    {
        using NpyWriter writer = new(Temp("bounds.npy"), NpyDtype.Float64, [2, 2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append([1.0, 2.0, 3.0, 4.0, 5.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteRows(1, 2, [1.0, 2.0, 3.0, 4.0]));
        Assert.Throws<ArgumentException>(() => writer.WriteRows(0, 2, [1.0, 2.0, 3.0]));
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => writer.Append([1]));
        Assert.Contains("float64", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", new long[] { 3, 4 })]
    [InlineData("{'shape': (3, 4), 'descr': '<f8', 'fortran_order': False}", new long[] { 3, 4 })]
    [InlineData("{ \"descr\" : \"<f8\" ,\t'fortran_order':False,'shape':( 3 ,4 , ) , }", new long[] { 3, 4 })]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (12,), }", new long[] { 12 })]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (12L, 1L), }", new long[] { 12, 1 })]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 12, 1), }", new long[] { 1, 12, 1 })]
    [InlineData("{'descr': '<f8',\n 'fortran_order': False,\n 'shape': (12,)}", new long[] { 12 })]
    public void ReadHeader_HeaderSpellings_ParseToTheSameArray(string header, long[] expectedShape)
    {
        string path = Temp("spelling.npy");
        File.WriteAllBytes(path, Npy(header, Doubles(Floats(12))));

        double[] data = NpyFile.ReadDoubles(path, out long[] shape);

        Assert.Equal(expectedShape, shape);
        Assert.Equal(Floats(12), data);
    }

    [Fact]
    public void ReadHeader_EmptyTupleShape_IsZeroDimensional()
    {
        string path = Temp("scalar.npy");
        File.WriteAllBytes(path, Npy("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", Doubles(1.5)));

        NpyHeader header = NpyFile.ReadHeader(path);

        Assert.Empty(header.Shape);
        Assert.Equal(1, header.ElementCount);
        Assert.Equal(1, header.RowLength(0));
        Assert.Equal("()", header.ShapeText());
    }

    [Fact]
    public void Read_BadMagic_SaysNotANpyFile()
    {
        NpyFormatException e = ReadMalformed("x,y\n1,2\n"u8.ToArray());

        Assert.Contains("not a .npy file", e.Message, StringComparison.Ordinal);
        Assert.Contains("\\x93NUMPY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipArchive_SuggestsNumpySave()
    {
        NpyFormatException e = ReadMalformed([(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0]);

        Assert.Contains("not a .npy file", e.Message, StringComparison.Ordinal);
        Assert.Contains(".npz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        NpyFormatException e = ReadMalformed([]);

        Assert.Contains("not a .npy file: the file is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0, "4.0")]
    [InlineData(1, 1, "1.1")]
    [InlineData(0, 0, "0.0")]
    public void Read_UnsupportedVersion_NamesVersionAndSupportedOnes(byte major, byte minor, string expected)
    {
        byte[] bytes = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", Doubles(1.0));
        bytes[6] = major;
        bytes[7] = minor;

        NpyFormatException e = ReadMalformed(bytes);

        Assert.Contains($"unsupported .npy format version {expected}", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.0, 2.0 and 3.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileEndsInsidePrefix_SaysTruncatedHeader()
    {
        NpyFormatException e = ReadMalformed([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1]);

        Assert.Contains("truncated header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileEndsInsideHeader_SaysTruncatedHeaderWithByteCounts()
    {
        byte[] whole = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", Doubles(1.0));

        NpyFormatException e = ReadMalformed(whole[..40]);

        Assert.Contains("truncated header: the header declares 118 bytes but the file holds only 30 after the 10-byte prefix", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4}", "expected ',' or ')'")]
    [InlineData("{'descr': '<f8' 'fortran_order': False}", "expected ',' or '}' in a dict")]
    [InlineData("{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", "at character")]
    [InlineData("{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}", "unexpected name 'false'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}", "expected an integer")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} extra", "unexpected text after the literal")]
    public void Read_HeaderNotADictLiteral_SaysWhereParsingFailed(string header, string expected)
    {
        NpyFormatException e = ReadMalformed(Npy(header, Doubles(1.0)));

        Assert.Contains("the header is not a valid Python dict literal", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderIsAListNotADict_SaysNotADict()
    {
        NpyFormatException e = ReadMalformed(Npy("['<f8', False, (1,)]", Doubles(1.0)));

        Assert.Contains("the header is not a Python dict", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderMissingShape_NamesMissingKey()
    {
        NpyFormatException e = ReadMalformed(Npy("{'descr': '<f8', 'fortran_order': False}", Doubles(1.0)));

        Assert.Contains("the header lacks the key 'shape'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderWithExtraKey_NamesUnexpectedKey()
    {
        NpyFormatException e = ReadMalformed(Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'units': 'ns'}", Doubles(1.0)));

        Assert.Contains("unexpected key 'units'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' must be True or False, not 0")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': [1]}", "'shape' must be a tuple of integers, not [1]")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1)}", "'shape' must be a tuple of integers, not 1")]
    [InlineData("{'descr': 8, 'fortran_order': False, 'shape': (1,)}", "'descr' must be a dtype string")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -1)}", "axis 1 of shape (2, -1) is negative")]
    public void Read_HeaderValueOfWrongKind_SaysWhichKey(string header, string expected)
    {
        NpyFormatException e = ReadMalformed(Npy(header, Doubles(1.0)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FortranOrderedNumPyFixture_SuggestsAscontiguousarray()
    {
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadDoubles(Fixture("f8_fortran.npy"), out _));

        Assert.Contains(Fixture("f8_fortran.npy"), e.Message, StringComparison.Ordinal);
        Assert.Contains("Fortran (column-major) order", e.Message, StringComparison.Ordinal);
        Assert.Contains("numpy.ascontiguousarray(arr)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BigEndianNumPyFixture_SuggestsAstype()
    {
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadDoubles(Fixture("f8_bigendian.npy"), out _));

        Assert.Contains(Fixture("f8_bigendian.npy"), e.Message, StringComparison.Ordinal);
        Assert.Contains("dtype '>f8' is big-endian", e.Message, StringComparison.Ordinal);
        Assert.Contains("arr.astype('<f8')", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">f4", "arr.astype('<f4')")]
    [InlineData(">i8", "arr.astype('<i8')")]
    public void Read_BigEndianHeader_SuggestsLittleEndianOfSameType(string descr, string expected)
    {
        NpyFormatException e = ReadMalformed(Npy($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,)}}", Doubles(1.0)));

        Assert.Contains("big-endian", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ObjectArrayNumPyFixture_SaysObjectArrayAndListsSupported()
    {
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadDoubles(Fixture("object.npy"), out _));

        Assert.Contains("dtype '|O' is an object array", e.Message, StringComparison.Ordinal);
        Assert.Contains("'<f8' (float64), '<f4' (float32), '<i4' (int32), '<i8' (int64)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'<c16'", "unsupported dtype '<c16'")]
    [InlineData("'|u1'", "unsupported dtype '|u1'")]
    [InlineData("'<U5'", "unsupported dtype '<U5'")]
    [InlineData("[('x', '<f8'), ('y', '<f8')]", "structured dtype [('x', '<f8'), ('y', '<f8')] is not supported")]
    public void Read_UnsupportedDtype_NamesItAndListsSupported(string descr, string expected)
    {
        NpyFormatException e = ReadMalformed(Npy($"{{'descr': {descr}, 'fortran_order': False, 'shape': (1,)}}", Doubles(1.0, 2.0)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("'<f8' (float64), '<f4' (float32), '<i4' (int32), '<i8' (int64)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedData_SaysExpectedAndActualBytes()
    {
        NpyFormatException e = ReadMalformed(Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", Doubles(1, 2, 3, 4, 5)));

        Assert.Contains("truncated data: shape (2, 3) of float64 needs 48 bytes of data after the 128-byte header, but the file holds only 40", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NpyReader_TruncatedData_ThrowsBeforeMapping()
    {
        string path = Temp("short.npy");
        File.WriteAllBytes(path, Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new byte[12]));

        NpyFormatException e = Assert.Throws<NpyFormatException>(() => new NpyReader(path));

        Assert.Contains("needs 16 bytes of data after the 128-byte header, but the file holds only 12", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(4294967296, 4294967296)")]
    [InlineData("(1152921504606846976,)")]
    [InlineData("(0, 4294967296, 4294967296)")]
    [InlineData("(99999999999999999999999,)")]
    public void Read_ShapeOverflowingBytes_SaysOverflow(string shape)
    {
        NpyFormatException e = ReadMalformed(Npy($"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}}}", Doubles(1.0)));

        Assert.Contains("overflows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version3HeaderNotUtf8_SaysSo()
    {
        byte[] bytes = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 'Z'}", Doubles(1.0), major: 3);
        bytes[Array.IndexOf(bytes, (byte)'Z')] = 0xFF;

        NpyFormatException e = ReadMalformed(bytes);

        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt32_FloatFile_SaysIntegerExpected()
    {
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadInt32(Fixture("f8_1d.npy"), out _));

        Assert.Contains("holds float64 ('<f8'), but an integer array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt32_Int64OutsideInt32Range_NamesElement()
    {
        byte[] data = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), 1L << 40);

        string path = Temp("big-int.npy");
        File.WriteAllBytes(path, Npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", data));
        NpyFormatException e = Assert.Throws<NpyFormatException>(() => NpyFile.ReadInt32(path, out _));

        Assert.Contains("element 1 (flat C-order index) is 1099511627776, outside the int32 range", e.Message, StringComparison.Ordinal);
    }

    [NumPyFact]
    public void Write_FilesOfEveryDtype_LoadInNumPy()
    {
        NpyFile.Write(Temp("f8.npy"), Floats(24), [2, 3, 4]);
        NpyFile.Write(Temp("f4.npy"), Floats(6), [6], NpyDtype.Float32);
        NpyFile.Write(Temp("i4.npy"), [-3, 0, int.MaxValue], [3]);
        NpyFile.Write(Temp("i8.npy"), [int.MinValue, 7], [1, 2], NpyDtype.Int64);
        NpyFile.Write(Temp("0d.npy"), [3.25], []);
        NpyFile.Write(Temp("empty.npy"), ReadOnlySpan<double>.Empty, [4, 0]);
        NpyFile.Write(Temp("v2.npy"), [2.5], [.. Enumerable.Repeat(1L, 25_000)]);
        const string script = """
            import sys, os, numpy as np
            d = sys.argv[1]
            load = lambda n: np.load(os.path.join(d, n))
            f = np.arange(24, dtype=np.float64) * 0.1 - 0.35
            a = load('f8.npy'); assert a.dtype == '<f8' and a.shape == (2, 3, 4) and (a.ravel() == f).all(), a
            a = load('f4.npy'); assert a.dtype == '<f4' and (a == f[:6].astype(np.float32)).all(), a
            a = load('i4.npy'); assert a.dtype == '<i4' and a.tolist() == [-3, 0, 2**31 - 1], a
            a = load('i8.npy'); assert a.dtype == '<i8' and a.tolist() == [[-2**31, 7]], a
            a = load('0d.npy'); assert a.shape == () and a == 3.25, a
            a = load('empty.npy'); assert a.shape == (4, 0), a
            with open(os.path.join(d, 'v2.npy'), 'rb') as fh:
                assert np.lib.format.read_magic(fh) == (2, 0)
            print('ok')
            """;

        (int exitCode, string output) = NumPyFactAttribute.RunPython(["-c", script, _directory]);

        Assert.True(exitCode == 0, output);
        Assert.Equal("ok", output.Trim());
    }
}

/// <summary>A fact that runs only where python3 with NumPy is installed, and is skipped, saying so, elsewhere.</summary>
/// <remarks>Tries python3 on the PATH, then /usr/bin/python3 (a pyenv shim on the PATH may lack NumPy).</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NumPyFactAttribute : FactAttribute
{
    private static readonly Lazy<(string? Python, string Reason)> Interpreter = new(FindInterpreter);

    public NumPyFactAttribute()
    {
        if (Interpreter.Value.Python is null)
        {
            Skip = Interpreter.Value.Reason;
        }
    }

    /// <summary>Runs the python3 that has NumPy with <paramref name="arguments"/>; returns its exit code and its stdout and stderr together.</summary>
    public static (int ExitCode, string Output) RunPython(IEnumerable<string> arguments) =>
        Run(Interpreter.Value.Python ?? throw new InvalidOperationException(Interpreter.Value.Reason), arguments);

    private static (int ExitCode, string Output) Run(string python, IEnumerable<string> arguments)
    {
        ProcessStartInfo start = new(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static (string? Python, string Reason) FindInterpreter()
    {
        List<string> reasons = [];
        foreach (string python in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                (int exitCode, string output) = Run(python, ["-c", "import numpy"]);
                if (exitCode == 0)
                {
                    return (python, string.Empty);
                }

                reasons.Add($"{python} cannot import numpy ({output.Trim().Split('\n')[^1]})");
            }
            catch (Win32Exception e)
            {
                reasons.Add($"{python} is not installed ({e.Message})");
            }
        }

        return (null, "No python3 with NumPy: " + string.Join("; ", reasons) + ".");
    }
}

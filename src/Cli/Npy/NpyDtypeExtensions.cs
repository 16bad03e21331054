namespace GpuLm.Cli.Npy;

/// <summary>The NumPy descriptor, name and item size of each <see cref="NpyDtype"/>.</summary>
internal static class NpyDtypeExtensions
{
    /// <summary>The supported descriptors as an error message lists them.</summary>
    public const string SupportedList = "'<f8' (float64), '<f4' (float32), '<i4' (int32), '<i8' (int64)";

    /// <summary>The header <c>descr</c> NumPy writes for <paramref name="dtype"/>, such as <c>&lt;f8</c>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>The little-endian descriptor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    public static string Descr(this NpyDtype dtype) => "<" + dtype.TypeCode();

    /// <summary>The NumPy name of <paramref name="dtype"/>, such as <c>float64</c>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>The name numpy.dtype.name gives.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    public static string Name(this NpyDtype dtype) => dtype switch
    {
        NpyDtype.Float64 => "float64",
        NpyDtype.Float32 => "float32",
        NpyDtype.Int32 => "int32",
        NpyDtype.Int64 => "int64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not an NpyDtype."),
    };

    /// <summary>The bytes one element of <paramref name="dtype"/> occupies.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>4 or 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    public static int ItemSize(this NpyDtype dtype) => dtype switch
    {
        NpyDtype.Float64 or NpyDtype.Int64 => 8,
        NpyDtype.Float32 or NpyDtype.Int32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not an NpyDtype."),
    };

    /// <summary>Whether <paramref name="dtype"/> holds integers.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns><see langword="true"/> for <see cref="NpyDtype.Int32"/> and <see cref="NpyDtype.Int64"/>.</returns>
    public static bool IsInteger(this NpyDtype dtype) => dtype is NpyDtype.Int32 or NpyDtype.Int64;

    /// <summary>Finds the element type a little-endian descriptor names.</summary>
    /// <param name="descr">A descriptor such as <c>&lt;f8</c>.</param>
    /// <param name="dtype">The element type, when supported.</param>
    /// <returns>Whether <paramref name="descr"/> is one of the supported descriptors.</returns>
    public static bool TryParse(string descr, out NpyDtype dtype)
    {
        foreach (NpyDtype candidate in Enum.GetValues<NpyDtype>())
        {
            if (descr == candidate.Descr())
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    /// <summary>The type code after the byte-order character: <c>f8</c>, <c>f4</c>, <c>i4</c>, <c>i8</c>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>The kind letter and item size.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    internal static string TypeCode(this NpyDtype dtype) => dtype switch
    {
        NpyDtype.Float64 => "f8",
        NpyDtype.Float32 => "f4",
        NpyDtype.Int32 => "i4",
        NpyDtype.Int64 => "i8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not an NpyDtype."),
    };
}

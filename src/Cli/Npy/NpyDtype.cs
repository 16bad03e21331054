namespace GpuLm.Cli.Npy;

/// <summary>The element types gpulm reads from and writes to .npy files: little-endian, C order.</summary>
/// <remarks>
/// NumPy spells them <c>'&lt;f8'</c>, <c>'&lt;f4'</c>, <c>'&lt;i4'</c> and <c>'&lt;i8'</c> in the header's
/// <c>descr</c>; <see cref="NpyDtypeExtensions"/> maps between the two.
/// </remarks>
internal enum NpyDtype
{
    /// <summary>IEEE double, <c>'&lt;f8'</c> (numpy.float64).</summary>
    Float64,

    /// <summary>IEEE single, <c>'&lt;f4'</c> (numpy.float32); widened to double exactly on read.</summary>
    Float32,

    /// <summary>32-bit signed integer, <c>'&lt;i4'</c> (numpy.int32).</summary>
    Int32,

    /// <summary>64-bit signed integer, <c>'&lt;i8'</c> (numpy.int64, NumPy's default integer on Linux and macOS).</summary>
    Int64,
}

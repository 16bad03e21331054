using ILGPU;

namespace GpuLm.Kernels;

/// <summary>
/// The tables of the device exp, pow and atan (<see cref="DeviceMath"/>), as views of device
/// memory, passed to every kernel that calls them.
/// </summary>
/// <remarks>Each holds a double's bits per entry, as glibc's tables do. <see cref="MathTablesBuffer"/> uploads them and owns the memory.</remarks>
public readonly struct MathTables
{
    /// <summary>Creates the views.</summary>
    /// <param name="exp">exp's table: glibc's __exp_data.tab, 256 entries.</param>
    /// <param name="powLog">pow's log table: glibc's __pow_log_data.tab without its padding, 384 entries.</param>
    /// <param name="atan">atan's table: glibc's cij (uatan.tbl), 241 rows of 7, 1,687 entries.</param>
    public MathTables(ArrayView<ulong> exp, ArrayView<ulong> powLog, ArrayView<ulong> atan)
    {
        Exp = exp;
        PowLog = powLog;
        Atan = atan;
    }

    /// <summary>exp's table (pow's exp shares it): for i = 0..127, the tail of 2^(i/128) and its bits less i &lt;&lt; 45.</summary>
    public ArrayView<ulong> Exp { get; }

    /// <summary>pow's log table: for i = 0..127, invc, logc and logctail.</summary>
    public ArrayView<ulong> PowLog { get; }

    /// <summary>atan's table: for i = 0..240, x_i, atan(x_i) and the coefficients c2..c6.</summary>
    public ArrayView<ulong> Atan { get; }
}

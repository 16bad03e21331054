using ILGPU;
using ILGPU.Runtime;

namespace GpuLm.Kernels;

/// <summary>
/// The device math tables in one accelerator's memory: uploaded once, passed to kernels as
/// <see cref="Tables"/>, freed on dispose.
/// </summary>
public sealed class MathTablesBuffer : IDisposable
{
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _exp;
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _powLog;
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _atan;

    private MathTablesBuffer(
        MemoryBuffer1D<ulong, Stride1D.Dense> exp,
        MemoryBuffer1D<ulong, Stride1D.Dense> powLog,
        MemoryBuffer1D<ulong, Stride1D.Dense> atan)
    {
        _exp = exp;
        _powLog = powLog;
        _atan = atan;
        Tables = new MathTables(exp.View, powLog.View, atan.View);
    }

    /// <summary>The views to pass to a kernel; valid until this buffer is disposed.</summary>
    public MathTables Tables { get; }

    /// <summary>Allocates the tables in <paramref name="accelerator"/>'s memory and copies them there.</summary>
    /// <param name="accelerator">The accelerator whose kernels will read them.</param>
    /// <returns>The owner of the device copies; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accelerator"/> is null.</exception>
    public static MathTablesBuffer Allocate(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        MemoryBuffer1D<ulong, Stride1D.Dense>? exp = null;
        MemoryBuffer1D<ulong, Stride1D.Dense>? powLog = null;
        try
        {
            exp = Upload(accelerator, DeviceExp.Table);
            powLog = Upload(accelerator, DevicePow.LogTable);
            return new MathTablesBuffer(exp, powLog, Upload(accelerator, DeviceAtan.Table));
        }
        catch
        {
            exp?.Dispose();
            powLog?.Dispose();
            throw;
        }
    }

    /// <summary>Frees the device memory.</summary>
    public void Dispose()
    {
        _exp.Dispose();
        _powLog.Dispose();
        _atan.Dispose();
    }

    private static MemoryBuffer1D<ulong, Stride1D.Dense> Upload(Accelerator accelerator, ReadOnlySpan<ulong> table)
    {
        MemoryBuffer1D<ulong, Stride1D.Dense> buffer = accelerator.Allocate1D<ulong>(table.Length);
        buffer.View.BaseView.CopyFromCPU(table);
        return buffer;
    }
}

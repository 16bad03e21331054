using ILGPU;

namespace GpuLm.Kernels;

/// <summary>The tables of the device exp, pow and atan, as views of device memory, passed to every kernel.</summary>
public readonly struct MathTables
{
    /// <summary>Creates the views.</summary>
    /// <param name="exp">The exp table.</param>
    public MathTables(ArrayView<ulong> exp)
    {
        Exp = exp;
    }

    /// <summary>The exp table.</summary>
    public ArrayView<ulong> Exp { get; }
}

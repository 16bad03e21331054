using System.Numerics;
using ILGPU;

namespace GpuLm.Kernels.Models;

/// <summary>
/// A model as the kernels call it: its value and its derivatives with respect to the n
/// parameters at one point. An expression model becomes a struct implementing this interface
/// at run time ((<c>DeviceModelEmitter</c>)), and the kernel is specialised on that struct.
/// </summary>
/// <typeparam name="TReal">double or float.</typeparam>
/// <remarks>
/// Every member is static, so a kernel reaches it through its type argument and ILGPU inlines
/// it: no instance, no virtual call. The value and the derivatives are computed in the order
/// the CPU evaluator computes them (<c>CompiledModel</c>), so in double, with the device math
/// of <c>DeviceMath</c>, they are the CPU's to the bit.
/// </remarks>
public interface IDeviceModel<TReal>
    where TReal : unmanaged, IFloatingPointIeee754<TReal>
{
    /// <summary>n, the parameters.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>d, the variables of one point.</summary>
    static abstract int VariableCount { get; }

    /// <summary>The model's value at one point.</summary>
    /// <param name="p">The n parameters.</param>
    /// <param name="v">The d variables of the point.</param>
    /// <param name="tables">The device math tables (exp, pow, atan).</param>
    /// <returns>f(v; p).</returns>
    static abstract TReal Value(ArrayView<TReal> p, ArrayView<TReal> v, MathTables tables);

    /// <summary>The model's derivatives at one point: <c>dfdp[j] = ∂f/∂p_j</c>.</summary>
    /// <param name="p">The n parameters.</param>
    /// <param name="v">The d variables of the point.</param>
    /// <param name="dfdp">Receives the n derivatives.</param>
    /// <param name="tables">The device math tables (exp, pow, atan).</param>
    static abstract void Jacobian(ArrayView<TReal> p, ArrayView<TReal> v, ArrayView<TReal> dfdp, MathTables tables);
}

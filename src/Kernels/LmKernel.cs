using System.Numerics;
using System.Reflection;
using GpuLm.Kernels.Minpack;
using GpuLm.Kernels.Models;

namespace GpuLm.Kernels;

/// <summary>The LM kernel specialised for one model, precision, layout and Jacobian source, as a method ILGPU loads.</summary>
public static class LmKernel
{
    /// <summary>The kernel method: a static method taking one <see cref="LmArguments{TReal}"/>, launched explicitly grouped.</summary>
    /// <typeparam name="TReal">double or float.</typeparam>
    /// <param name="model">The model's struct type, implementing <see cref="IDeviceModel{TReal}"/> (<see cref="DeviceModelEmitter.Emit"/>).</param>
    /// <param name="team">The threads per problem.</param>
    /// <param name="problemsPerGroup">The problems per group.</param>
    /// <param name="analyticJacobian">True for the model's derivatives (lmder), false for forward differences (lmdif).</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> does not implement <see cref="IDeviceModel{TReal}"/>, or
    /// <typeparamref name="TReal"/> is neither double nor float.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The team or the problems per group are out of range (<see cref="KernelLayouts.Validate"/>).</exception>
    public static MethodInfo Method<TReal>(Type model, int team, int problemsPerGroup, bool analyticJacobian)
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!typeof(IDeviceModel<TReal>).IsAssignableFrom(model) || !model.IsValueType)
        {
            throw new ArgumentException($"{model} is not a struct implementing {typeof(IDeviceModel<TReal>)}.", nameof(model));
        }

        Type machine = typeof(TReal) == typeof(double) ? typeof(DoubleMachine)
            : typeof(TReal) == typeof(float) ? typeof(SingleMachine)
            : throw new ArgumentException($"The kernel computes in double or float, not {typeof(TReal)}.", nameof(TReal));
        Type layout = KernelLayouts.Get(team, problemsPerGroup);
        Type jacobian = analyticJacobian ? typeof(AnalyticJacobian) : typeof(ForwardDifferences);
        Type kernel = typeof(Lm<,,,,>).MakeGenericType(typeof(TReal), machine, model, layout, jacobian);
        return kernel.GetMethod("Kernel", BindingFlags.Public | BindingFlags.Static)!;
    }
}

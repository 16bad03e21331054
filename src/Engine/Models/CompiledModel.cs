using System.Buffers;

namespace GpuLm.Models;

/// <summary>
/// A <see cref="Models.Model"/> compiled to machine code for the CPU: its values and its
/// analytic Jacobian over many points at a time.
/// </summary>
/// <remarks>
/// Each method runs one compiled loop over the points (not an interpreter): the parameters
/// are loaded once per call, subexpressions shared between outputs are computed once per
/// point. Instances hold no mutable state: any number of threads may call them at once.
/// <see cref="Values"/> and <see cref="Jacobian"/> allocate nothing.
/// </remarks>
public sealed class CompiledModel
{
    private readonly PointsKernel values;
    private readonly PointsKernel jacobian;

    internal CompiledModel(Model model)
    {
        Model = model;
        values = CpuCompiler.Compile(model.ValuePlan, model.ParameterCount, model.VariableCount);
        jacobian = CpuCompiler.Compile(model.JacobianPlan, model.ParameterCount, model.VariableCount);
    }

    /// <summary>The model this evaluates.</summary>
    public Model Model { get; }

    /// <summary>Evaluates the model at m points: <c>f[i] = model(p, point i)</c>.</summary>
    /// <param name="p">The n parameters.</param>
    /// <param name="vars">The points' variables: variable k of point i is
    /// <c>vars[varsOffset + i*d + k]</c>, d = <see cref="Model.VariableCount"/>.</param>
    /// <param name="varsOffset">Where point 0 starts in <paramref name="vars"/>.</param>
    /// <param name="m">The number of points, 0 or more.</param>
    /// <param name="f">Receives the m values in its first m entries.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="p"/> does not hold exactly n values,
    /// or <paramref name="vars"/> or <paramref name="f"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="varsOffset"/> or
    /// <paramref name="m"/> is negative.</exception>
    public void Values(double[] p, double[] vars, int varsOffset, int m, double[] f)
    {
        Validate(p, vars, varsOffset, m);
        ArgumentNullException.ThrowIfNull(f);
        if (f.Length < m)
        {
            throw new ArgumentException($"f must hold at least m = {m} values; it holds {f.Length}.", nameof(f));
        }

        values(p, vars, varsOffset, m, f);
    }

    /// <summary>Evaluates the Jacobian at m points, column-major m×n:
    /// <c>jac[i + j*m] = ∂f(point i)/∂p_j</c>.</summary>
    /// <remarks>The layout is MINPACK's <c>fjac</c> (leading dimension m) and scipy's
    /// <c>Dfun</c> with <c>col_deriv=True</c> transposed in memory order.</remarks>
    /// <param name="p">The n parameters.</param>
    /// <param name="vars">The points' variables, laid out as for <see cref="Values"/>.</param>
    /// <param name="varsOffset">Where point 0 starts in <paramref name="vars"/>.</param>
    /// <param name="m">The number of points, 0 or more.</param>
    /// <param name="jac">Receives the m·n derivatives in its first m·n entries.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="p"/> does not hold exactly n values,
    /// or <paramref name="vars"/> or <paramref name="jac"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="varsOffset"/> or
    /// <paramref name="m"/> is negative.</exception>
    public void Jacobian(double[] p, double[] vars, int varsOffset, int m, double[] jac)
    {
        Validate(p, vars, varsOffset, m);
        ArgumentNullException.ThrowIfNull(jac);
        long needed = (long)m * Model.ParameterCount;
        if (jac.Length < needed)
        {
            throw new ArgumentException(
                $"jac must hold at least m·n = {m}·{Model.ParameterCount} = {needed} values; it holds {jac.Length}.", nameof(jac));
        }

        jacobian(p, vars, varsOffset, m, jac);
    }

    /// <summary>Evaluates the model at one point.</summary>
    /// <param name="p">The n parameters.</param>
    /// <param name="point">The d variables of the point.</param>
    /// <returns>The value, as <see cref="Values"/> computes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="p"/> does not hold n values or
    /// <paramref name="point"/> does not hold d values.</exception>
    public double Value(ReadOnlySpan<double> p, ReadOnlySpan<double> point)
    {
        int n = Model.ParameterCount;
        int d = Model.VariableCount;
        if (p.Length != n)
        {
            throw new ArgumentException($"p must hold n = {n} parameters; it holds {p.Length}.", nameof(p));
        }

        if (point.Length != d)
        {
            throw new ArgumentException($"point must hold d = {d} variables; it holds {point.Length}.", nameof(point));
        }

        // The compiled loop takes arrays; pooled ones keep this allocation-free.
        double[] pArray = ArrayPool<double>.Shared.Rent(n);
        double[] vArray = ArrayPool<double>.Shared.Rent(d);
        double[] fArray = ArrayPool<double>.Shared.Rent(1);
        try
        {
            p.CopyTo(pArray);
            point.CopyTo(vArray);
            values(pArray, vArray, 0, 1, fArray);
            return fArray[0];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pArray);
            ArrayPool<double>.Shared.Return(vArray);
            ArrayPool<double>.Shared.Return(fArray);
        }
    }

    private void Validate(double[] p, double[] vars, int varsOffset, int m)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(vars);
        ArgumentOutOfRangeException.ThrowIfNegative(varsOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        int n = Model.ParameterCount;
        if (p.Length != n)
        {
            throw new ArgumentException($"p must hold n = {n} parameters; it holds {p.Length}.", nameof(p));
        }

        int d = Model.VariableCount;
        long needed = varsOffset + ((long)m * d);
        if (vars.Length < needed)
        {
            throw new ArgumentException(
                $"vars must hold at least varsOffset + m·d = {varsOffset} + {m}·{d} = {needed} values; it holds {vars.Length}.",
                nameof(vars));
        }
    }
}

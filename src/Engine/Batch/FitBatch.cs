using GpuLm.Models;

namespace GpuLm;

/// <summary>
/// B curve-fitting problems that share one model and m points each: the batch layout every
/// accelerator takes.
/// </summary>
/// <remarks>
/// <para>Row b's residuals are <c>r_i = w_bi·(f(v_bi; p) − y_bi)</c>, as
/// <c>scipy.optimize.curve_fit</c> forms them with <c>w = 1/sigma</c>, or
/// <c>f(v_bi; p) − y_bi</c> without weights. All arrays are flat and row-major:</para>
/// <list type="table">
/// <item><term><see cref="Y"/></term><description>B×m.</description></item>
/// <item><term><see cref="Variables"/></term><description>m×d, shared by every row, or
/// B×m×d, one set per row (d = the model's variable count).</description></item>
/// <item><term><see cref="Weights"/></term><description>B×m, or null for unit weights.</description></item>
/// <item><term><see cref="X0"/></term><description>n, one start for every row, or B×n.</description></item>
/// </list>
/// <para>Shapes are checked here; values are checked per row when the batch is fitted, so a
/// row with a NaN in y or x0, or a weight that is not positive, gets
/// <see cref="LeastSqStatus.InvalidInput"/> while the other rows are fitted.</para>
/// </remarks>
public sealed class FitBatch
{
    /// <summary>Describes a batch; the arrays are used in place, not copied.</summary>
    /// <param name="model">The model every row is fitted with.</param>
    /// <param name="problemCount">B, at least 1.</param>
    /// <param name="pointCount">m, at least the model's parameter count.</param>
    /// <param name="y">The data, B×m.</param>
    /// <param name="variables">The independent variables, m×d (shared) or B×m×d (per row).</param>
    /// <param name="x0">The starting points, n (one for all) or B×n.</param>
    /// <param name="weights">The weights 1/sigma, B×m, or null.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A count is out of range or an array's length fits
    /// none of its shapes; the message names the array, the expected and the actual.</exception>
    public FitBatch(
        Model model, int problemCount, int pointCount, double[] y, double[] variables, double[] x0,
        double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(x0);
        int n = model.ParameterCount;
        int d = model.VariableCount;
        if (problemCount < 1)
        {
            throw new ArgumentException($"problemCount must be at least 1; it is {problemCount}.", nameof(problemCount));
        }

        if (pointCount < n)
        {
            throw new ArgumentException(
                $"pointCount (m={pointCount}) must be at least the model's parameter count (n={n}): "
                + "a least-squares fit needs at least as many residuals as parameters.",
                nameof(pointCount));
        }

        long b = problemCount;
        long m = pointCount;
        if (y.LongLength != b * m)
        {
            throw new ArgumentException(
                $"y must be B×m = {b}×{m} = {b * m} values; it has {y.LongLength}.", nameof(y));
        }

        if (variables.LongLength != m * d && variables.LongLength != b * m * d)
        {
            throw new ArgumentException(
                $"variables must be m×d = {m}×{d} = {m * d} values (shared by all rows) or B×m×d = {b}×{m}×{d} = {b * m * d} "
                + $"(one set per row); it has {variables.LongLength}.",
                nameof(variables));
        }

        if (x0.LongLength != n && x0.LongLength != b * n)
        {
            throw new ArgumentException(
                $"x0 must be n = {n} values (one start for all rows) or B×n = {b}×{n} = {b * n}; it has {x0.LongLength}.",
                nameof(x0));
        }

        if (weights is not null && weights.LongLength != b * m)
        {
            throw new ArgumentException(
                $"weights must be B×m = {b}×{m} = {b * m} values, like y; it has {weights.LongLength}.", nameof(weights));
        }

        Model = model;
        ProblemCount = problemCount;
        PointCount = pointCount;
        Y = y;
        Variables = variables;
        X0 = x0;
        Weights = weights;
    }

    /// <summary>The model every row is fitted with.</summary>
    public Model Model { get; }

    /// <summary>B, the number of problems (rows).</summary>
    public int ProblemCount { get; }

    /// <summary>m, the number of points (residuals) per row.</summary>
    public int PointCount { get; }

    /// <summary>n, the model's parameter count.</summary>
    public int ParameterCount => Model.ParameterCount;

    /// <summary>The data, B×m.</summary>
    public double[] Y { get; }

    /// <summary>The independent variables, m×d or B×m×d.</summary>
    public double[] Variables { get; }

    /// <summary>The starting points, n or B×n.</summary>
    public double[] X0 { get; }

    /// <summary>The weights, B×m, or null.</summary>
    public double[]? Weights { get; }

    /// <summary>Whether every row shares one set of independent variables.</summary>
    public bool SharedVariables => Variables.LongLength == (long)PointCount * Model.VariableCount;

    /// <summary>Whether every row starts from the same x0.</summary>
    public bool SharedX0 => X0.LongLength == ParameterCount;

    /// <summary>Where row <paramref name="row"/>'s variables start in <see cref="Variables"/>.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <returns>The offset.</returns>
    public long VariablesOffset(int row) => SharedVariables ? 0 : (long)row * PointCount * Model.VariableCount;

    /// <summary>Where row <paramref name="row"/>'s start begins in <see cref="X0"/>.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <returns>The offset.</returns>
    public long X0Offset(int row) => SharedX0 ? 0 : (long)row * ParameterCount;

    /// <summary>Whether row <paramref name="row"/> can be fitted: its x0 and y are finite and
    /// its weights, if any, positive and finite. A row that cannot gets
    /// <see cref="LeastSqStatus.InvalidInput"/>.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <returns>True where the row's input is usable.</returns>
    public bool IsRowUsable(int row)
    {
        int m = PointCount;
        if (!Finite.All(X0.AsSpan(checked((int)X0Offset(row)), ParameterCount))
            || !Finite.All(Y.AsSpan(checked(row * m), m)))
        {
            return false;
        }

        if (Weights is not null)
        {
            foreach (double w in Weights.AsSpan(checked(row * m), m))
            {
                if (!(w > 0.0) || !double.IsFinite(w))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

using GpuLm.Minpack;
using GpuLm.Models;

namespace GpuLm;

/// <summary>
/// One batch row as a MINPACK problem: <c>r_i = w_i·(f(v_i; p) − y_i)</c>, the model
/// evaluated by its compiled CPU evaluator.
/// </summary>
/// <remarks>Holds its scratch arrays, so a fitter reuses one instance per thread and fits
/// row after row without allocating; <see cref="Bind"/> points it at a row.</remarks>
internal struct ModelProblem : IMinpackFunction
{
    private readonly CompiledModel _model;
    private readonly double[] _variables;
    private readonly double[] _y;
    private readonly double[]? _weights;
    private readonly double[] _p;
    private readonly double[] _f;
    private readonly double[] _jac;
    private readonly int _m;
    private int _variablesOffset;
    private int _dataOffset;

    public ModelProblem(CompiledModel model, FitBatch batch)
    {
        _model = model;
        _variables = batch.Variables;
        _y = batch.Y;
        _weights = batch.Weights;
        _m = batch.PointCount;
        _p = new double[batch.ParameterCount];
        _f = new double[_m];
        _jac = new double[_m * batch.ParameterCount];
    }

    /// <summary>Points the problem at row <paramref name="row"/> of <paramref name="batch"/>.</summary>
    public void Bind(FitBatch batch, int row)
    {
        _variablesOffset = checked((int)batch.VariablesOffset(row));
        _dataOffset = checked(row * _m);
    }

    public readonly void Residuals(ReadOnlySpan<double> x, Span<double> fvec)
    {
        x.CopyTo(_p);
        _model.Values(_p, _variables, _variablesOffset, _m, _f);
        ReadOnlySpan<double> y = _y.AsSpan(_dataOffset, _m);
        ReadOnlySpan<double> w = _weights is null ? default : _weights.AsSpan(_dataOffset, _m);
        ColumnOps.WeightedDifference(fvec, _f, y, w, _weights is not null, _m);
    }

    public readonly void Jacobian(ReadOnlySpan<double> x, Span<double> fjac)
    {
        x.CopyTo(_p);
        _model.Jacobian(_p, _variables, _variablesOffset, _m, _jac);
        if (_weights is null)
        {
            _jac.CopyTo(fjac);
            return;
        }

        ReadOnlySpan<double> w = _weights.AsSpan(_dataOffset, _m);
        int n = _p.Length;
        for (int j = 0; j < n; j++)
        {
            int cj = j * _m;
            for (int i = 0; i < _m; i++)
            {
                fjac[cj + i] = w[i] * _jac[cj + i];
            }
        }
    }
}

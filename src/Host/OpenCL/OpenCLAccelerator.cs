using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using GpuLm.Kernels;
using GpuLm.Minpack;

namespace GpuLm.Host.OpenCL;

/// <summary>
/// Fits batches on an OpenCL device (a GPU, or the CPU through PoCL) with the whole MINPACK
/// LM loop in one kernel: one work-group per problem, its team of threads splitting the loops
/// over the m residuals.
/// </summary>
/// <remarks>
/// <para>The batch streams through the device in chunks sized from its memory; each chunk is
/// one launch that fits every problem in it to the end. Rows with unusable input get
/// <see cref="LeastSqStatus.InvalidInput"/> on the host, as on the CPU; cancellation is
/// checked between chunks (rows not run get <see cref="LeastSqStatus.NotRun"/>), and progress
/// is reported after each chunk. cov_x is computed on the host from fjac and ipvt with the
/// CPU's routine.</para>
/// <para>With <see cref="Precision.Double"/> and a team of one, the device runs the CPU
/// port's operations in its order; larger teams sum the m-vectors' dot products and norms in
/// a different order, so results agree to rounding rather than bit for bit.</para>
/// </remarks>
public sealed class OpenCLAccelerator : Accelerator
{
    private readonly Lock _gate = new();
    private readonly OpenCLContext _context;
    private readonly nint _queue;
    private readonly int? _maxChunkRows;

    private OpenCLAccelerator(OpenCLDevice device, int teamSize, int? maxChunkRows)
    {
        Device = device;
        TeamSize = teamSize;
        _maxChunkRows = maxChunkRows;
        _context = OpenCLContext.For(device);
        _queue = device.Api.CreateQueue(_context.Handle, device.Handle);
    }

    /// <inheritdoc/>
    public override AcceleratorKind Kind => AcceleratorKind.OpenCL;

    /// <inheritdoc/>
    public override string DeviceName => $"{Device} (team {TeamSize})";

    /// <summary>The device.</summary>
    public OpenCLDevice Device { get; }

    /// <summary>The threads per problem.</summary>
    public int TeamSize { get; }

    /// <summary>Creates an accelerator on the device <paramref name="settings"/> choose, if there is one.</summary>
    /// <param name="settings">Device, team size and chunking; null for the defaults.</param>
    /// <param name="accelerator">The accelerator, or null.</param>
    /// <param name="reason">Why none was created ("libOpenCL.so.1 not found", "OpenCL loader
    /// found, no platform", ...), or empty.</param>
    /// <returns>Whether one was created.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The team size is not a power of two within
    /// the device's work-group limit, or the device index or chunk size is out of range.</exception>
    public static bool TryCreate(
        OpenCLSettings? settings, [NotNullWhen(true)] out OpenCLAccelerator? accelerator, out string reason)
    {
        settings ??= OpenCLSettings.Default;
        IReadOnlyList<OpenCLDevice> devices = OpenCLDevice.Discover(out reason);
        accelerator = null;
        if (devices.Count == 0)
        {
            return false;
        }

        int index = settings.DeviceIndex ?? 0;
        if (index < 0 || index >= devices.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), index, $"settings.DeviceIndex must be 0 to {devices.Count - 1} (the OpenCL devices found); it is {index}.");
        }

        OpenCLDevice device = devices[index];
        int team = settings.TeamSize ?? device.DefaultTeamSize;
        if (team < 1 || (team & (team - 1)) != 0 || team > device.MaxWorkGroupSize || team > 1024)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), team, $"settings.TeamSize must be a power of two from 1 to {Math.Min(1024, device.MaxWorkGroupSize)} on {device.Name}; it is {team}.");
        }

        if (settings.MaxChunkRows is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.MaxChunkRows, $"settings.MaxChunkRows must be at least 1 or null; it is {settings.MaxChunkRows}.");
        }

        try
        {
            accelerator = new OpenCLAccelerator(device, team, settings.MaxChunkRows);
            reason = string.Empty;
            return true;
        }
        catch (OpenCLException e)
        {
            reason = $"OpenCL device {device.Name} could not be opened: {e.Message}";
            return false;
        }
    }

    /// <summary>The translation unit this accelerator builds for a model, precision and Jacobian mode.</summary>
    /// <param name="model">The model.</param>
    /// <param name="precision">The precision.</param>
    /// <param name="jacobian">The Jacobian mode.</param>
    /// <returns>The source.</returns>
    public string KernelSourceFor(Models.Model model, Precision precision, JacobianMode jacobian) =>
        KernelSource.Compose(model, precision == Precision.Double, TeamSize, jacobian == JacobianMode.Analytic);

    /// <inheritdoc/>
    protected override FitResult FitCore(
        FitBatch batch, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        bool useDouble = options.Precision == Precision.Double;
        if (useDouble && !Device.SupportsDouble)
        {
            throw new NotSupportedException(
                $"{Device.Name} has no double precision (cl_khr_fp64): fit with options.Precision = Precision.Single, or on the CPU accelerator.");
        }

        bool analytic = options.Jacobian == JacobianMode.Analytic;
        string source = KernelSourceFor(batch.Model, options.Precision, options.Jacobian);
        string what = $"the LM kernel for '{batch.Model.Expression}' ({options.Precision}, team {TeamSize}, {options.Jacobian})";
        lock (_gate)
        {
            nint program = _context.Program(source, what);
            var result = new FitResult(batch.ProblemCount, batch.PointCount, batch.ParameterCount, options, analytic);
            using var run = new ChunkRun(this, program, batch, options, useDouble, result);
            run.Execute(progress, cancellationToken);
            return result;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        Device.Api.ReleaseCommandQueue(_queue);
    }

    /// <summary>The buffers and staging arrays of one fit, and its chunk loop.</summary>
    private sealed class ChunkRun : IDisposable
    {
        private readonly OpenCLAccelerator _owner;
        private readonly OpenCLApi _api;
        private readonly FitBatch _batch;
        private readonly FitOptions _options;
        private readonly FitResult _result;
        private readonly bool _double;
        private readonly bool _analytic;
        private readonly int _m;
        private readonly int _n;
        private readonly int _d;
        private readonly int _chunkRows;
        private readonly bool _needFjac;
        private readonly bool _needIpvt;
        private readonly nint _kernel;
        private readonly List<nint> _buffers = [];
        private readonly nint _y;
        private readonly nint _v;
        private readonly nint _w;
        private readonly nint _x;
        private readonly nint _tol;
        private readonly nint _maxfev;
        private readonly nint _diag;
        private readonly nint _status;
        private readonly nint _fnorm;
        private readonly nint _fvec;
        private readonly nint _fjac;
        private readonly nint _wa4;
        private readonly nint _ipvt;
        private readonly nint _qtf;

        public ChunkRun(OpenCLAccelerator owner, nint program, FitBatch batch, FitOptions options, bool useDouble, FitResult result)
        {
            _owner = owner;
            _api = owner.Device.Api;
            _batch = batch;
            _options = options;
            _result = result;
            _double = useDouble;
            _analytic = options.Jacobian == JacobianMode.Analytic;
            _m = batch.PointCount;
            _n = batch.ParameterCount;
            _d = batch.Model.VariableCount;
            _needFjac = result.Fjac is not null || result.CovX is not null;
            _needIpvt = result.Ipvt is not null || result.CovX is not null;
            _chunkRows = ChunkRows(owner, batch, useDouble);
            _kernel = _api.CreateKernel(program, KernelSource.KernelName);
            long rows = _chunkRows;
            int size = RealSize;
            long m = _m;
            _y = Buffer(rows * m * size);
            _v = Buffer((batch.SharedVariables ? m * _d : rows * m * _d) * size);
            _w = Buffer((batch.Weights is null ? 1 : rows * m) * size);
            _x = Buffer(rows * _n * size);
            _tol = Buffer(rows * 3 * size);
            _maxfev = Buffer(rows * sizeof(int));
            _diag = Buffer(_n * size);
            _status = Buffer(rows * 3 * sizeof(int));
            _fnorm = Buffer(rows * size);
            _fvec = Buffer(rows * m * size);
            _fjac = Buffer(rows * m * _n * size);
            _wa4 = Buffer(rows * m * size);
            _ipvt = Buffer(rows * _n * sizeof(int));
            _qtf = Buffer(rows * _n * size);
        }

        private int RealSize => _double ? sizeof(double) : sizeof(float);

        public void Execute(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            int total = _batch.ProblemCount;
            int flags = (_options.LeastSq.Diag is null ? 0 : 1) | (_batch.SharedVariables ? 2 : 0) | (_batch.Weights is null ? 0 : 4);
            double factor = _options.LeastSq.Factor;
            double epsfcn = _options.LeastSq.Epsfcn ?? MinpackConstants.NumpyEps;
            if (_batch.SharedVariables)
            {
                Upload(_v, _batch.Variables.AsSpan(0, _m * _d));
            }

            if (_options.LeastSq.Diag is { } diag)
            {
                Upload(_diag, diag.ToArray());
            }

            int rowsCap = _chunkRows;
            var x = new double[rowsCap * _n];
            var tol = new double[rowsCap * 3];
            var maxfev = new int[rowsCap];
            var status = new int[rowsCap * 3];
            var fnorm = new double[rowsCap];
            for (int first = 0; first < total; first += rowsCap)
            {
                int rows = Math.Min(rowsCap, total - first);
                if (cancellationToken.IsCancellationRequested)
                {
                    for (int row = first; row < total; row++)
                    {
                        MarkNotRun(row);
                    }

                    _result.Cancelled = true;
                    break;
                }

                Stage(first, rows, x, tol, maxfev);
                long m = _m;
                Upload(_y, _batch.Y.AsSpan(checked((int)(first * m)), checked((int)(rows * m))));
                if (!_batch.SharedVariables)
                {
                    Upload(_v, _batch.Variables.AsSpan(checked((int)(first * m * _d)), checked((int)(rows * m * _d))));
                }

                if (_batch.Weights is { } weights)
                {
                    Upload(_w, weights.AsSpan(checked((int)(first * m)), checked((int)(rows * m))));
                }

                Upload(_x, x.AsSpan(0, rows * _n));
                Upload(_tol, tol.AsSpan(0, rows * 3));
                _api.Write<int>(_owner._queue, _maxfev, maxfev.AsSpan(0, rows));
                Launch(rows, flags, factor, epsfcn);
                _api.Read<int>(_owner._queue, _status, status.AsSpan(0, rows * 3));
                Download(_x, x.AsSpan(0, rows * _n));
                Download(_fnorm, fnorm.AsSpan(0, rows));
                Collect(first, rows, x, status, fnorm, maxfev);
                progress?.Report(new FitProgress(first + rows, total, clock.Elapsed));
            }
        }

        public void Dispose()
        {
            foreach (nint buffer in _buffers)
            {
                _api.ReleaseMemObject(buffer);
            }

            _api.ReleaseKernel(_kernel);
        }

        private static int ChunkRows(OpenCLAccelerator owner, FitBatch batch, bool useDouble)
        {
            long size = useDouble ? sizeof(double) : sizeof(float);
            long m = batch.PointCount;
            long n = batch.ParameterCount;
            long d = batch.Model.VariableCount;
            long perRow = size * (m * 4 + m * n + n * 3 + 4 + (batch.SharedVariables ? 0 : m * d)) + sizeof(int) * (4 + n);
            OpenCLDevice device = owner.Device;
            long budget = Math.Max(device.GlobalMemory / 4, 1 << 20);
            long byMemory = budget / perRow;
            long byAllocation = device.MaxAllocation / Math.Max(size * m * Math.Max(n, Math.Max(d, 1)), 1);
            long rows = Math.Min(Math.Min(byMemory, byAllocation), 1 << 20);
            rows = Math.Min(rows, owner._maxChunkRows ?? int.MaxValue);
            return (int)Math.Clamp(Math.Min(rows, batch.ProblemCount), 1, int.MaxValue);
        }

        private nint Buffer(long bytes)
        {
            nint buffer = _api.CreateBuffer(_owner._context.Handle, bytes);
            _buffers.Add(buffer);
            return buffer;
        }

        /// <summary>x0, tolerances and maxfev of the chunk's rows; unusable rows are marked on the host and skipped (maxfev 0).</summary>
        private void Stage(int first, int rows, double[] x, double[] tol, int[] maxfev)
        {
            LeastSqOptions leastSq = _options.LeastSq;
            for (int k = 0; k < rows; k++)
            {
                int row = first + k;
                ReadOnlySpan<double> x0 = _batch.X0.AsSpan(checked((int)_batch.X0Offset(row)), _n);
                x0.CopyTo(x.AsSpan(k * _n, _n));
                tol[3 * k] = _options.Ftol?[row] ?? leastSq.Ftol;
                tol[(3 * k) + 1] = _options.Xtol?[row] ?? leastSq.Xtol;
                tol[(3 * k) + 2] = _options.Gtol?[row] ?? leastSq.Gtol;
                if (_batch.IsRowUsable(row))
                {
                    maxfev[k] = LeastSqOptions.ResolveMaxFev(_options.MaxFev?[row] ?? leastSq.MaxFev, _n, _analytic);
                }
                else
                {
                    maxfev[k] = 0;
                    MarkInvalid(row, x0);
                }
            }
        }

        private void Launch(int rows, int flags, double factor, double epsfcn)
        {
            nint k = _kernel;
            uint a = 0;
            _api.SetArg(k, a++, rows);
            _api.SetArg(k, a++, _m);
            _api.SetArg(k, a++, flags);
            if (_double)
            {
                _api.SetArg(k, a++, factor);
                _api.SetArg(k, a++, epsfcn);
            }
            else
            {
                _api.SetArg(k, a++, (float)factor);
                _api.SetArg(k, a++, (float)epsfcn);
            }

            foreach (nint buffer in new[] { _y, _v, _w, _x, _tol, _maxfev, _diag, _status, _fnorm, _fvec, _fjac, _wa4, _ipvt, _qtf })
            {
                _api.SetArg(k, a++, buffer);
            }

            _api.Run(_owner._queue, k, rows, _owner.TeamSize);
        }

        private void Collect(int first, int rows, double[] x, int[] status, double[] fnorm, int[] maxfev)
        {
            FitResult r = _result;
            int m = _m;
            int n = _n;
            double[]? fvec = r.Fvec is null ? null : new double[rows * m];
            double[]? fjac = _needFjac ? new double[rows * m * n] : null;
            int[]? ipvt = _needIpvt ? new int[rows * n] : null;
            double[]? qtf = r.Qtf is null ? null : new double[rows * n];
            if (fvec is not null)
            {
                Download(_fvec, fvec);
            }

            if (fjac is not null)
            {
                Download(_fjac, fjac);
            }

            if (ipvt is not null)
            {
                _api.Read<int>(_owner._queue, _ipvt, ipvt);
            }

            if (qtf is not null)
            {
                Download(_qtf, qtf);
            }

            var cov = new double[n * n];
            var covWork = new double[n * n];
            for (int k = 0; k < rows; k++)
            {
                if (maxfev[k] == 0)
                {
                    continue;
                }

                int row = first + k;
                int ier = status[3 * k];
                x.AsSpan(k * n, n).CopyTo(r.X.AsSpan(row * n, n));
                r.Ier[row] = ier;
                r.Nfev[row] = status[(3 * k) + 1];
                r.Njev[row] = status[(3 * k) + 2];
                r.Fnorm[row] = ier == LeastSqStatus.ImproperInput ? double.NaN : fnorm[k];
                fvec?.AsSpan(k * m, m).CopyTo(r.Fvec.AsSpan(row * m, m));
                if (r.Fjac is not null)
                {
                    fjac!.AsSpan(k * m * n, m * n).CopyTo(r.Fjac.AsSpan(row * n * m, n * m));
                }

                if (r.Ipvt is not null)
                {
                    for (int j = 0; j < n; j++)
                    {
                        r.Ipvt[(row * n) + j] = ipvt![(k * n) + j] + 1;
                    }
                }

                qtf?.AsSpan(k * n, n).CopyTo(r.Qtf.AsSpan(row * n, n));
                if (r.CovX is not null)
                {
                    Span<double> target = r.CovX.AsSpan(row * n * n, n * n);
                    if (LeastSqStatus.IsSuccess(ier)
                        && Covariance.TryCompute(m, n, fjac.AsSpan(k * m * n, m * n), ipvt.AsSpan(k * n, n), cov, covWork))
                    {
                        cov.CopyTo(target);
                    }
                    else
                    {
                        target.Fill(double.NaN);
                    }
                }
            }
        }

        private void MarkNotRun(int row)
        {
            MarkInvalid(row, Enumerable.Repeat(double.NaN, _n).ToArray());
            _result.Ier[row] = LeastSqStatus.NotRun;
        }

        private void MarkInvalid(int row, ReadOnlySpan<double> x0)
        {
            FitResult r = _result;
            int m = _m;
            int n = _n;
            x0.CopyTo(r.X.AsSpan(row * n, n));
            r.Ier[row] = LeastSqStatus.InvalidInput;
            r.Nfev[row] = 0;
            r.Njev[row] = 0;
            r.Fnorm[row] = double.NaN;
            r.Fvec?.AsSpan(row * m, m).Fill(double.NaN);
            r.Fjac?.AsSpan(row * n * m, n * m).Fill(double.NaN);
            r.Ipvt?.AsSpan(row * n, n).Clear();
            r.Qtf?.AsSpan(row * n, n).Fill(double.NaN);
            r.CovX?.AsSpan(row * n * n, n * n).Fill(double.NaN);
        }

        private void Upload(nint buffer, ReadOnlySpan<double> values)
        {
            if (_double)
            {
                _api.Write(_owner._queue, buffer, values);
                return;
            }

            var single = new float[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                single[i] = (float)values[i];
            }

            _api.Write<float>(_owner._queue, buffer, single);
        }

        private void Download(nint buffer, Span<double> values)
        {
            if (_double)
            {
                _api.Read(_owner._queue, buffer, values);
                return;
            }

            var single = new float[values.Length];
            _api.Read<float>(_owner._queue, buffer, single);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = single[i];
            }
        }
    }
}

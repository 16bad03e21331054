using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using GpuLm.Kernels;
using GpuLm.Minpack;

namespace GpuLm.Host.OpenCL;

/// <summary>
/// Fits batches on an OpenCL device (a GPU, or the CPU through PoCL) with the whole MINPACK
/// LM loop in one kernel: each problem is carried by a team of work-items that split the loops
/// over the m residuals; a work-group holds one team, or with a team of one several problems
/// side by side (<see cref="OpenCLSettings.ProblemsPerGroup"/>).
/// </summary>
/// <remarks>
/// <para>The batch streams through the device in chunks sized from its memory; each chunk is
/// one launch that fits every problem in it to the end. Two chunks are in flight at once, each
/// with its own buffers and command queue: while the device fits one, the host reads back the
/// one before and writes the one after. Rows with unusable input get
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
    private readonly nint[] _queues;
    private readonly int? _maxChunkRows;

    private OpenCLAccelerator(OpenCLDevice device, int teamSize, int problemsPerGroup, int? maxChunkRows)
    {
        Device = device;
        TeamSize = teamSize;
        ProblemsPerGroup = problemsPerGroup;
        _maxChunkRows = maxChunkRows;
        _context = OpenCLContext.For(device);
        _queues = new nint[2];
        try
        {
            for (int q = 0; q < _queues.Length; q++)
            {
                _queues[q] = device.Api.CreateQueue(_context.Handle, device.Handle);
            }
        }
        catch
        {
            Dispose(true);
            throw;
        }
    }

    /// <inheritdoc/>
    public override AcceleratorKind Kind => AcceleratorKind.OpenCL;

    /// <inheritdoc/>
    public override string DeviceName =>
        ProblemsPerGroup == 1 ? $"{Device} (team {TeamSize})" : $"{Device} (team {TeamSize}, {ProblemsPerGroup} problems per work-group)";

    /// <summary>The device.</summary>
    public OpenCLDevice Device { get; }

    /// <summary>The threads per problem.</summary>
    public int TeamSize { get; }

    /// <summary>The problems one work-group fits side by side.</summary>
    public int ProblemsPerGroup { get; }

    /// <summary>Creates an accelerator on the device <paramref name="settings"/> choose, if there is one.</summary>
    /// <param name="settings">Device, team size and chunking; null for the defaults.</param>
    /// <param name="accelerator">The accelerator, or null.</param>
    /// <param name="reason">Why none was created ("libOpenCL.so.1 not found", "OpenCL loader
    /// found, no platform", ...), or empty.</param>
    /// <returns>Whether one was created.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The team size is not a power of two within
    /// the device's work-group limit, the problems per work-group are out of range or above 1
    /// with a larger team, or the device index or chunk size is out of range.</exception>
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

        int pack = settings.ProblemsPerGroup ?? (team == 1 ? device.DefaultProblemsPerGroup : 1);
        if (pack < 1 || pack > 1024 || (long)pack * team > device.MaxWorkGroupSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), pack, $"settings.ProblemsPerGroup must be 1 to {Math.Min(1024, device.MaxWorkGroupSize / team)} (the work-group limit of {device.Name} over the team of {team}); it is {pack}.");
        }

        if (pack > 1 && team > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), pack, $"settings.ProblemsPerGroup must be 1 with a team of more than one (the team is {team}), since a barrier spans the whole work-group; it is {pack}.");
        }

        if (settings.MaxChunkRows is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.MaxChunkRows, $"settings.MaxChunkRows must be at least 1 or null; it is {settings.MaxChunkRows}.");
        }

        try
        {
            accelerator = new OpenCLAccelerator(device, team, pack, settings.MaxChunkRows);
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
        KernelSource.Compose(model, precision == Precision.Double, TeamSize, jacobian == JacobianMode.Analytic, ProblemsPerGroup);

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
        string what = $"the LM kernel for '{batch.Model.Expression}' ({options.Precision}, team {TeamSize}, {ProblemsPerGroup} per work-group, {options.Jacobian})";
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
        foreach (nint queue in _queues)
        {
            Device.Api.ReleaseCommandQueue(queue);
        }
    }

    /// <summary>One fit: its buffers, in two slots that take chunks in turn, and its chunk loop.</summary>
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
        private readonly List<nint> _buffers = [];
        private readonly List<nint> _kernels = [];
        private readonly nint _sharedV;
        private readonly nint _diag;
        private readonly Slot[] _slots;

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
            int size = RealSize;
            _sharedV = batch.SharedVariables ? Buffer((long)_m * _d * size) : 0;
            _diag = Buffer((long)_n * size);
            int slots = batch.ProblemCount > _chunkRows ? owner._queues.Length : 1;
            _slots = new Slot[slots];
            for (int s = 0; s < slots; s++)
            {
                _slots[s] = NewSlot(owner._queues[s], program);
            }
        }

        private int RealSize => _double ? sizeof(double) : sizeof(float);

        public void Execute(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            int total = _batch.ProblemCount;
            nint queue = _slots[0].Queue;
            if (_batch.SharedVariables)
            {
                Upload(queue, _sharedV, _batch.Variables.AsSpan(0, _m * _d));
            }

            if (_options.LeastSq.Diag is { } diag)
            {
                Upload(queue, _diag, diag.ToArray());
            }

            // Chunk k goes to slot k % 2: it is written and launched while the device still fits
            // chunk k - 1, whose results are read back and collected after.
            Slot? pending = null;
            int chunk = 0;
            for (int first = 0; first < total; first += _chunkRows)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    for (int row = first; row < total; row++)
                    {
                        _result.MarkNotRun(row);
                    }

                    break;
                }

                Slot slot = _slots[chunk++ % _slots.Length];
                Start(slot, first, Math.Min(_chunkRows, total - first));
                Finish(pending);
                pending = slot;
            }

            Finish(pending);

            void Finish(Slot? slot)
            {
                if (slot is not null)
                {
                    Collect(slot);
                    progress?.Report(new FitProgress(slot.First + slot.Rows, total, clock.Elapsed));
                }
            }
        }

        public void Dispose()
        {
            // Let a chunk still in flight (after an error, or a cancellation) end before its buffers go.
            foreach (Slot slot in _slots)
            {
                try
                {
                    _api.Finish(slot.Queue);
                }
                catch (OpenCLException)
                {
                    // the error that ended the run is already on its way up
                }
            }

            foreach (nint buffer in _buffers)
            {
                _api.ReleaseMemObject(buffer);
            }

            foreach (nint kernel in _kernels)
            {
                _api.ReleaseKernel(kernel);
            }
        }

        private static int ChunkRows(OpenCLAccelerator owner, FitBatch batch, bool useDouble)
        {
            long size = useDouble ? sizeof(double) : sizeof(float);
            long m = batch.PointCount;
            long n = batch.ParameterCount;
            long d = batch.Model.VariableCount;
            long perRow = size * ((m * 4) + (m * n) + (n * 3) + 4 + (batch.SharedVariables ? 0 : m * d)) + (sizeof(int) * (4 + n));
            OpenCLDevice device = owner.Device;

            // A quarter of the device's memory, split between the two slots.
            long budget = Math.Max(device.GlobalMemory / 8, 1 << 20);
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

        private Slot NewSlot(nint queue, nint program)
        {
            long rows = _chunkRows;
            long m = _m;
            int size = RealSize;
            nint kernel = _api.CreateKernel(program, KernelSource.KernelName);
            _kernels.Add(kernel);
            return new Slot
            {
                Queue = queue,
                Kernel = kernel,
                Y = Buffer(rows * m * size),
                V = _batch.SharedVariables ? _sharedV : Buffer(rows * m * _d * size),
                W = Buffer((_batch.Weights is null ? 1 : rows * m) * size),
                XBuffer = Buffer(rows * _n * size),
                TolBuffer = Buffer(rows * 3 * size),
                MaxfevBuffer = Buffer(rows * sizeof(int)),
                StatusBuffer = Buffer(rows * 3 * sizeof(int)),
                FnormBuffer = Buffer(rows * size),
                FvecBuffer = Buffer(rows * m * size),
                FjacBuffer = Buffer(rows * m * _n * size),
                Wa4 = Buffer(rows * m * size),
                IpvtBuffer = Buffer(rows * _n * sizeof(int)),
                QtfBuffer = Buffer(rows * _n * size),
                X = new double[rows * _n],
                Tol = new double[rows * 3],
                Maxfev = new int[rows],
                Status = new int[rows * 3],
                Fnorm = new double[rows],
                Fvec = _result.Fvec is null ? null : new double[rows * m],
                Fjac = _needFjac ? new double[rows * m * _n] : null,
                Ipvt = _needIpvt ? new int[rows * _n] : null,
                Qtf = _result.Qtf is null ? null : new double[rows * _n],
            };
        }

        /// <summary>Stages the chunk's rows, writes them to the slot's buffers and launches the
        /// kernel on them without waiting for it.</summary>
        private void Start(Slot slot, int first, int rows)
        {
            slot.First = first;
            slot.Rows = rows;
            Stage(slot);
            nint q = slot.Queue;
            long m = _m;
            Upload(q, slot.Y, _batch.Y.AsSpan(checked((int)(first * m)), checked((int)(rows * m))));
            if (!_batch.SharedVariables)
            {
                Upload(q, slot.V, _batch.Variables.AsSpan(checked((int)(first * m * _d)), checked((int)(rows * m * _d))));
            }

            if (_batch.Weights is { } weights)
            {
                Upload(q, slot.W, weights.AsSpan(checked((int)(first * m)), checked((int)(rows * m))));
            }

            Upload(q, slot.XBuffer, slot.X.AsSpan(0, rows * _n));
            Upload(q, slot.TolBuffer, slot.Tol.AsSpan(0, rows * 3));
            _api.Write<int>(q, slot.MaxfevBuffer, slot.Maxfev.AsSpan(0, rows));
            Launch(slot, rows);
        }

        /// <summary>x0, tolerances and maxfev of the slot's rows; unusable rows are marked on the host and skipped (maxfev 0).</summary>
        private void Stage(Slot slot)
        {
            for (int k = 0; k < slot.Rows; k++)
            {
                int row = slot.First + k;
                ReadOnlySpan<double> x0 = _batch.X0.AsSpan(checked((int)_batch.X0Offset(row)), _n);
                x0.CopyTo(slot.X.AsSpan(k * _n, _n));
                LmderSettings settings = _options.RowSettings(row, _n);
                slot.Tol[3 * k] = settings.Ftol;
                slot.Tol[(3 * k) + 1] = settings.Xtol;
                slot.Tol[(3 * k) + 2] = settings.Gtol;
                if (_batch.IsRowUsable(row))
                {
                    slot.Maxfev[k] = settings.MaxFev;
                }
                else
                {
                    slot.Maxfev[k] = 0;
                    _result.MarkInvalid(row, x0);
                }
            }
        }

        private void Launch(Slot slot, int rows)
        {
            nint k = slot.Kernel;
            uint a = 0;
            _api.SetArg(k, a++, rows);
            _api.SetArg(k, a++, _m);
            _api.SetArg(k, a++, (_options.LeastSq.Diag is null ? 0 : 1) | (_batch.SharedVariables ? 2 : 0) | (_batch.Weights is null ? 0 : 4));
            double factor = _options.LeastSq.Factor;
            double epsfcn = _options.LeastSq.Epsfcn ?? MinpackConstants.NumpyEps;
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

            nint[] buffers =
            [
                slot.Y, slot.V, slot.W, slot.XBuffer, slot.TolBuffer, slot.MaxfevBuffer, _diag, slot.StatusBuffer,
                slot.FnormBuffer, slot.FvecBuffer, slot.FjacBuffer, slot.Wa4, slot.IpvtBuffer, slot.QtfBuffer,
            ];
            foreach (nint buffer in buffers)
            {
                _api.SetArg(k, a++, buffer);
            }

            int pack = _owner.ProblemsPerGroup;
            _api.Launch(slot.Queue, k, (rows + pack - 1) / pack, _owner.TeamSize * pack);
        }

        /// <summary>Waits for the slot's chunk, reads its results back and writes them into the result rows.</summary>
        private void Collect(Slot slot)
        {
            FitResult r = _result;
            int m = _m;
            int n = _n;
            int rows = slot.Rows;
            nint q = slot.Queue;
            _api.Read<int>(q, slot.StatusBuffer, slot.Status.AsSpan(0, rows * 3));
            Download(q, slot.XBuffer, slot.X.AsSpan(0, rows * n));
            Download(q, slot.FnormBuffer, slot.Fnorm.AsSpan(0, rows));
            if (slot.Fvec is not null)
            {
                Download(q, slot.FvecBuffer, slot.Fvec.AsSpan(0, rows * m));
            }

            if (slot.Fjac is not null)
            {
                Download(q, slot.FjacBuffer, slot.Fjac.AsSpan(0, rows * m * n));
            }

            if (slot.Ipvt is not null)
            {
                _api.Read<int>(q, slot.IpvtBuffer, slot.Ipvt.AsSpan(0, rows * n));
            }

            if (slot.Qtf is not null)
            {
                Download(q, slot.QtfBuffer, slot.Qtf.AsSpan(0, rows * n));
            }

            var covScratch = new double[2 * n * n];
            for (int k = 0; k < rows; k++)
            {
                if (slot.Maxfev[k] == 0)
                {
                    continue;
                }

                r.Store(
                    slot.First + k, slot.Status[3 * k], slot.Status[(3 * k) + 1], slot.Status[(3 * k) + 2], slot.Fnorm[k],
                    slot.X.AsSpan(k * n, n), Part(slot.Fvec, k * m, m), Part(slot.Fjac, k * m * n, m * n),
                    Part(slot.Ipvt, k * n, n), Part(slot.Qtf, k * n, n), covScratch);
            }
        }

        private static ReadOnlySpan<T> Part<T>(T[]? array, int start, int length) =>
            array is null ? default : array.AsSpan(start, length);

        private void Upload(nint queue, nint buffer, ReadOnlySpan<double> values)
        {
            if (_double)
            {
                _api.Write(queue, buffer, values);
                return;
            }

            var single = new float[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                single[i] = (float)values[i];
            }

            _api.Write<float>(queue, buffer, single);
        }

        private void Download(nint queue, nint buffer, Span<double> values)
        {
            if (_double)
            {
                _api.Read(queue, buffer, values);
                return;
            }

            var single = new float[values.Length];
            _api.Read<float>(queue, buffer, single);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = single[i];
            }
        }
    }

    /// <summary>The device buffers, command queue and host arrays of one chunk in flight.</summary>
    private sealed class Slot
    {
        public required nint Queue { get; init; }

        public required nint Kernel { get; init; }

        public required nint Y { get; init; }

        public required nint V { get; init; }

        public required nint W { get; init; }

        public required nint XBuffer { get; init; }

        public required nint TolBuffer { get; init; }

        public required nint MaxfevBuffer { get; init; }

        public required nint StatusBuffer { get; init; }

        public required nint FnormBuffer { get; init; }

        public required nint FvecBuffer { get; init; }

        public required nint FjacBuffer { get; init; }

        public required nint Wa4 { get; init; }

        public required nint IpvtBuffer { get; init; }

        public required nint QtfBuffer { get; init; }

        public required double[] X { get; init; }

        public required double[] Tol { get; init; }

        public required int[] Maxfev { get; init; }

        public required int[] Status { get; init; }

        public required double[] Fnorm { get; init; }

        public double[]? Fvec { get; init; }

        public double[]? Fjac { get; init; }

        public int[]? Ipvt { get; init; }

        public double[]? Qtf { get; init; }

        /// <summary>The batch row of the chunk's first row.</summary>
        public int First { get; set; }

        /// <summary>The chunk's rows.</summary>
        public int Rows { get; set; }
    }
}

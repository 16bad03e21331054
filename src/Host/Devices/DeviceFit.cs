using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using GpuLm.Kernels;
using GpuLm.Kernels.Minpack;
using GpuLm.Minpack;
using ILGPU;
using ILGPU.Runtime;

namespace GpuLm.Host.Devices;

/// <summary>
/// One fit on a device accelerator: the batch streamed through the kernel in chunks, two in
/// flight, with the device buffers allocated once for the fit.
/// </summary>
/// <typeparam name="TReal">The precision the device computes in.</typeparam>
/// <remarks>
/// Each of two slots has its own stream, device buffers and pinned staging arrays; chunk k
/// goes to slot k mod 2. The host stages chunk k (x0, per-row tolerances and maxfev, unusable
/// rows marked and skipped), copies it and launches it, then waits for chunk k − 1 and writes
/// its rows into the result, so the device fits one chunk while the host stages the next and
/// unpacks the last. ILGPU 1.5.3's copies from and to host memory wait for their stream, so
/// only the kernels overlap the host's work, not the copies. Cancellation is checked before
/// each chunk: a chunk already launched is kept, the rows after it are marked not run.
/// </remarks>
internal sealed class DeviceFit<TReal> : IDisposable
    where TReal : unmanaged, IFloatingPointIeee754<TReal>
{
    private readonly DeviceAccelerator _owner;
    private readonly Action<AcceleratorStream, KernelConfig, LmArguments<TReal>> _kernel;
    private readonly MathTables _tables;
    private readonly FitBatch _batch;
    private readonly FitOptions _options;
    private readonly FitResult _result;
    private readonly int _m;
    private readonly int _n;
    private readonly int _d;
    private readonly int _chunkRows;
    private readonly bool _needFjac;
    private readonly bool _needIpvt;
    private readonly List<IDisposable> _owned = [];
    private readonly ArrayView<TReal> _sharedV;
    private readonly ArrayView<TReal> _diag;
    private readonly Slot[] _slots;

    /// <summary>One row's x, fvec, fjac and qtf converted to double (used in single precision only).</summary>
    private readonly double[] _rowDoubles;

    /// <summary>cov_x's scratch for one row.</summary>
    private readonly double[] _covScratch;

    public DeviceFit(
        DeviceAccelerator owner, Action<AcceleratorStream, KernelConfig, LmArguments<TReal>> kernel, MathTables tables,
        FitBatch batch, FitOptions options)
    {
        _owner = owner;
        _kernel = kernel;
        _tables = tables;
        _batch = batch;
        _options = options;
        _m = batch.PointCount;
        _n = batch.ParameterCount;
        _d = batch.Model.VariableCount;
        _result = new FitResult(batch.ProblemCount, _m, _n, options, options.Jacobian == JacobianMode.Analytic);
        _needFjac = _result.Fjac is not null || _result.CovX is not null;
        _needIpvt = _result.Ipvt is not null || _result.CovX is not null;
        _chunkRows = ChunkRows();
        _rowDoubles = new double[(2 * _n) + _m + (_m * _n)];
        _covScratch = new double[2 * _n * _n];
        try
        {
            _sharedV = batch.SharedVariables ? Allocate<TReal>((long)_m * _d) : default;
            _diag = Allocate<TReal>(_n);
            int slots = batch.ProblemCount > _chunkRows ? 2 : 1;
            _slots = new Slot[slots];
            for (int s = 0; s < slots; s++)
            {
                _slots[s] = NewSlot();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Fits every row and returns the result.</summary>
    public FitResult Run(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        using (this)
        {
            var clock = Stopwatch.StartNew();
            int total = _batch.ProblemCount;
            AcceleratorStream first = _slots[0].Stream;
            if (_batch.SharedVariables)
            {
                Upload(first, _sharedV, ToReal(_batch.Variables.AsSpan(0, _m * _d), new TReal[_m * _d]));
            }

            if (_options.LeastSq.Diag is { } diag)
            {
                Upload(first, _diag, ToReal([.. diag], new TReal[_n]));
            }

            first.Synchronize();
            Slot? pending = null;
            int chunk = 0;
            for (int start = 0; start < total; start += _chunkRows)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    for (int row = start; row < total; row++)
                    {
                        _result.MarkNotRun(row);
                    }

                    break;
                }

                Slot slot = _slots[chunk++ % _slots.Length];
                Launch(slot, start, Math.Min(_chunkRows, total - start));
                Finish(pending);
                pending = slot;
            }

            Finish(pending);
            return _result;

            void Finish(Slot? slot)
            {
                if (slot is not null)
                {
                    Collect(slot);
                    progress?.Report(new FitProgress(slot.First + slot.Rows, total, clock.Elapsed));
                }
            }
        }
    }

    public void Dispose()
    {
        // Let a chunk still in flight (after an error) end before its buffers go.
        foreach (Slot? slot in _slots ?? [])
        {
            slot?.Stream.Synchronize();
        }

        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private static TReal FromDouble(double value) => TReal.CreateTruncating(value);

    /// <summary><paramref name="values"/> in the device's precision: the values themselves in
    /// double, converted into <paramref name="target"/> in single.</summary>
    private static ReadOnlySpan<TReal> ToReal(ReadOnlySpan<double> values, Span<TReal> target)
    {
        if (typeof(TReal) == typeof(double))
        {
            return MemoryMarshal.Cast<double, TReal>(values);
        }

        for (int i = 0; i < values.Length; i++)
        {
            target[i] = FromDouble(values[i]);
        }

        return target[..values.Length];
    }

    /// <summary><paramref name="values"/> in double: the values themselves in double,
    /// converted into <paramref name="target"/> in single.</summary>
    private static ReadOnlySpan<double> ToDouble(ReadOnlySpan<TReal> values, Span<double> target)
    {
        if (typeof(TReal) == typeof(double))
        {
            return MemoryMarshal.Cast<TReal, double>(values);
        }

        for (int i = 0; i < values.Length; i++)
        {
            target[i] = double.CreateTruncating(values[i]);
        }

        return target[..values.Length];
    }

    private static void Upload<T>(AcceleratorStream stream, ArrayView<T> target, ReadOnlySpan<T> source)
        where T : unmanaged
    {
        if (source.Length > 0)
        {
            target.SubView(0, source.Length).CopyFromCPU(stream, ref MemoryMarshal.GetReference(source), source.Length);
        }
    }

    private static void Download<T>(AcceleratorStream stream, ArrayView<T> source, Span<T> target)
        where T : unmanaged
    {
        if (target.Length > 0)
        {
            source.SubView(0, target.Length).CopyToCPU(stream, ref MemoryMarshal.GetReference(target), target.Length);
        }
    }

    private static ReadOnlySpan<T> Part<T>(T[]? array, int start, int length) =>
        array is null ? default : array.AsSpan(start, length);

    /// <summary>The rows of one chunk: a quarter of the device's memory, half of it per slot, at most 2^20 rows and the batch.</summary>
    private int ChunkRows()
    {
        long size = Marshal.SizeOf<TReal>();
        long m = _m;
        long n = _n;
        long perRow = (size * ((m * 4) + (m * n) + (n * 3) + 4 + (_batch.SharedVariables ? 0 : m * _d))) + (sizeof(int) * (4 + n));
        long memory = Math.Min(_owner.Device.MemorySize, 64L << 30);
        long rows = Math.Max(memory / 8, 1 << 20) / perRow;
        rows = Math.Min(rows, 1 << 20);
        rows = Math.Min(rows, _owner.MaxChunkRows ?? int.MaxValue);
        return (int)Math.Clamp(Math.Min(rows, _batch.ProblemCount), 1, int.MaxValue);
    }

    private ArrayView<T> Allocate<T>(long length)
        where T : unmanaged
    {
        MemoryBuffer1D<T, Stride1D.Dense> buffer = _owner.Device.Allocate1D<T>(Math.Max(length, 1));
        _owned.Add(buffer);
        return buffer.View;
    }

    private Slot NewSlot()
    {
        long rows = _chunkRows;
        long m = _m;
        long n = _n;
        AcceleratorStream stream = _owner.Device.CreateStream();
        _owned.Add(stream);
        return new Slot
        {
            Stream = stream,
            Y = Allocate<TReal>(rows * m),
            V = _batch.SharedVariables ? _sharedV : Allocate<TReal>(rows * m * _d),
            W = Allocate<TReal>(_batch.Weights is null ? 1 : rows * m),
            X = Allocate<TReal>(rows * n),
            Tolerances = Allocate<TReal>(rows * 3),
            MaxFev = Allocate<int>(rows),
            Status = Allocate<int>(rows * 3),
            Fnorm = Allocate<TReal>(rows),
            Fvec = Allocate<TReal>(rows * m),
            Fjac = Allocate<TReal>(rows * m * n),
            Wa4 = Allocate<TReal>(rows * m),
            Ipvt = Allocate<int>(rows * n),
            Qtf = Allocate<TReal>(rows * n),
            HostInput = Pinned<TReal>(rows * Math.Max(m * Math.Max(_d, 1), n * 3)),
            HostX = Pinned<TReal>(rows * n),
            HostTolerances = Pinned<TReal>(rows * 3),
            HostMaxFev = Pinned<int>(rows),
            HostStatus = Pinned<int>(rows * 3),
            HostFnorm = Pinned<TReal>(rows),
            HostFvec = _result.Fvec is null ? null : Pinned<TReal>(rows * m),
            HostFjac = _needFjac ? Pinned<TReal>(rows * m * n) : null,
            HostIpvt = _needIpvt ? Pinned<int>(rows * n) : null,
            HostQtf = _result.Qtf is null ? null : Pinned<TReal>(rows * n),
        };

        static T[] Pinned<T>(long length) => GC.AllocateUninitializedArray<T>(checked((int)length), pinned: true);
    }

    /// <summary>Stages the chunk's rows, copies them to the slot's buffers and launches the kernel without waiting for it.</summary>
    private void Launch(Slot slot, int first, int rows)
    {
        slot.First = first;
        slot.Rows = rows;
        Stage(slot);
        AcceleratorStream stream = slot.Stream;
        long m = _m;
        UploadInput(stream, slot.Y, _batch.Y.AsSpan(checked((int)(first * m)), checked((int)(rows * m))), slot.HostInput);
        if (!_batch.SharedVariables)
        {
            UploadInput(stream, slot.V, _batch.Variables.AsSpan(checked((int)(first * m * _d)), checked((int)(rows * m * _d))), slot.HostInput);
        }

        if (_batch.Weights is { } weights)
        {
            UploadInput(stream, slot.W, weights.AsSpan(checked((int)(first * m)), checked((int)(rows * m))), slot.HostInput);
        }

        Upload<TReal>(stream, slot.X, slot.HostX.AsSpan(0, rows * _n));
        Upload<TReal>(stream, slot.Tolerances, slot.HostTolerances.AsSpan(0, rows * 3));
        Upload<int>(stream, slot.MaxFev, slot.HostMaxFev.AsSpan(0, rows));
        var args = new LmArguments<TReal>
        {
            Rows = rows,
            M = _m,
            UserDiag = _options.LeastSq.Diag is null ? 0 : 1,
            SharedVariables = _batch.SharedVariables ? 1 : 0,
            Weighted = _batch.Weights is null ? 0 : 1,
            Factor = FromDouble(_options.LeastSq.Factor),
            Epsfcn = FromDouble(_options.LeastSq.Epsfcn ?? MinpackConstants.NumpyEps),
            Y = slot.Y,
            V = slot.V,
            W = slot.W,
            X = slot.X,
            Tolerances = slot.Tolerances,
            MaxFev = slot.MaxFev,
            Diag = _diag,
            Status = slot.Status,
            Fnorm = slot.Fnorm,
            Fvec = slot.Fvec,
            Fjac = slot.Fjac,
            Wa4 = slot.Wa4,
            Ipvt = slot.Ipvt,
            Qtf = slot.Qtf,
            Tables = _tables,
        };
        int perGroup = _owner.ProblemsPerGroup;
        _kernel(stream, new KernelConfig((rows + perGroup - 1) / perGroup, _owner.Team * perGroup), args);
    }

    /// <summary>Copies one input array of the chunk, converted to the device's precision through the slot's staging array where it differs.</summary>
    private static void UploadInput(AcceleratorStream stream, ArrayView<TReal> target, ReadOnlySpan<double> values, TReal[] staging) =>
        Upload(stream, target, ToReal(values, staging));

    /// <summary>x0, tolerances and maxfev of the slot's rows; unusable rows are marked on the host and skipped (maxfev 0).</summary>
    private void Stage(Slot slot)
    {
        for (int k = 0; k < slot.Rows; k++)
        {
            int row = slot.First + k;
            ReadOnlySpan<double> x0 = _batch.X0.AsSpan(checked((int)_batch.X0Offset(row)), _n);
            for (int j = 0; j < _n; j++)
            {
                slot.HostX[(k * _n) + j] = FromDouble(x0[j]);
            }

            LmderSettings settings = _options.RowSettings(row, _n);
            slot.HostTolerances[3 * k] = FromDouble(settings.Ftol);
            slot.HostTolerances[(3 * k) + 1] = FromDouble(settings.Xtol);
            slot.HostTolerances[(3 * k) + 2] = FromDouble(settings.Gtol);
            if (_batch.IsRowUsable(row))
            {
                slot.HostMaxFev[k] = settings.MaxFev;
            }
            else
            {
                slot.HostMaxFev[k] = 0;
                _result.MarkInvalid(row, x0);
            }
        }
    }

    /// <summary>Waits for the slot's chunk, reads its results back and writes them into the result rows.</summary>
    private void Collect(Slot slot)
    {
        int m = _m;
        int n = _n;
        int rows = slot.Rows;
        AcceleratorStream stream = slot.Stream;
        Download<int>(stream, slot.Status, slot.HostStatus.AsSpan(0, rows * 3));
        Download<TReal>(stream, slot.X, slot.HostX.AsSpan(0, rows * n));
        Download<TReal>(stream, slot.Fnorm, slot.HostFnorm.AsSpan(0, rows));
        if (slot.HostFvec is not null)
        {
            Download<TReal>(stream, slot.Fvec, slot.HostFvec.AsSpan(0, rows * m));
        }

        if (slot.HostFjac is not null)
        {
            Download<TReal>(stream, slot.Fjac, slot.HostFjac.AsSpan(0, rows * m * n));
        }

        if (slot.HostIpvt is not null)
        {
            Download<int>(stream, slot.Ipvt, slot.HostIpvt.AsSpan(0, rows * n));
        }

        if (slot.HostQtf is not null)
        {
            Download<TReal>(stream, slot.Qtf, slot.HostQtf.AsSpan(0, rows * n));
        }

        stream.Synchronize();
        Span<double> doubles = _rowDoubles;
        Span<double> x = doubles[..n];
        Span<double> fvec = doubles.Slice(n, m);
        Span<double> fjac = doubles.Slice(n + m, m * n);
        Span<double> qtf = doubles.Slice(n + m + (m * n), n);
        for (int k = 0; k < rows; k++)
        {
            if (slot.HostMaxFev[k] == 0)
            {
                continue;
            }

            _result.Store(
                slot.First + k, slot.HostStatus[3 * k], slot.HostStatus[(3 * k) + 1], slot.HostStatus[(3 * k) + 2],
                double.CreateTruncating(slot.HostFnorm[k]), ToDouble(slot.HostX.AsSpan(k * n, n), x),
                ToDouble(Part(slot.HostFvec, k * m, m), fvec), ToDouble(Part(slot.HostFjac, k * m * n, m * n), fjac),
                Part(slot.HostIpvt, k * n, n), ToDouble(Part(slot.HostQtf, k * n, n), qtf), _covScratch);
        }
    }

    /// <summary>The device buffers, stream and pinned host arrays of one chunk in flight.</summary>
    private sealed class Slot
    {
        public required AcceleratorStream Stream { get; init; }

        public required ArrayView<TReal> Y { get; init; }

        public required ArrayView<TReal> V { get; init; }

        public required ArrayView<TReal> W { get; init; }

        public required ArrayView<TReal> X { get; init; }

        public required ArrayView<TReal> Tolerances { get; init; }

        public required ArrayView<int> MaxFev { get; init; }

        public required ArrayView<int> Status { get; init; }

        public required ArrayView<TReal> Fnorm { get; init; }

        public required ArrayView<TReal> Fvec { get; init; }

        public required ArrayView<TReal> Fjac { get; init; }

        public required ArrayView<TReal> Wa4 { get; init; }

        public required ArrayView<int> Ipvt { get; init; }

        public required ArrayView<TReal> Qtf { get; init; }

        /// <summary>Staging for y, the variables and the weights in single precision.</summary>
        public required TReal[] HostInput { get; init; }

        public required TReal[] HostX { get; init; }

        public required TReal[] HostTolerances { get; init; }

        public required int[] HostMaxFev { get; init; }

        public required int[] HostStatus { get; init; }

        public required TReal[] HostFnorm { get; init; }

        public TReal[]? HostFvec { get; init; }

        public TReal[]? HostFjac { get; init; }

        public int[]? HostIpvt { get; init; }

        public TReal[]? HostQtf { get; init; }

        /// <summary>The batch row of the chunk's first row.</summary>
        public int First { get; set; }

        /// <summary>The chunk's rows.</summary>
        public int Rows { get; set; }
    }
}

using System.Numerics;
using GpuLm.Kernels;
using GpuLm.Kernels.Models;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.OpenCL;
using IlgpuAccelerator = ILGPU.Runtime.Accelerator;

namespace GpuLm.Host.Devices;

/// <summary>
/// Fits batches with GpuLm's ILGPU kernel on one ILGPU accelerator: an OpenCL device, or
/// ILGPU's CPU accelerator (the kernel's test bench). Each problem is carried by a team of
/// threads, and with a team of one several problems share a thread group.
/// </summary>
/// <remarks>
/// <para>A fit goes through <see cref="DeviceFit{TReal}"/>: the batch streams through the
/// device in chunks sized once from its memory, two chunks in flight; the kernel is compiled
/// once per model, precision, layout and Jacobian source and kept for the accelerator's life,
/// and the device buffers are allocated once per fit. Rows with unusable input get
/// <see cref="LeastSqStatus.InvalidInput"/> on the host; cancellation is checked between
/// chunks; cov_x is computed on the host from fjac and ipvt with the CPU's routine.</para>
/// <para>In double precision, with the device exp, pow and atan, the results are the CPU
/// accelerator's bit for bit at every team size and problems per group.</para>
/// </remarks>
public sealed class DeviceAccelerator : Accelerator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Type Model, Type Real, bool Analytic), Delegate> _kernels = [];
    private MathTablesBuffer? _tables;

    internal DeviceAccelerator(IlgpuAccelerator device, DeviceSettings settings)
    {
        Device = device;
        Kind = device is CLAccelerator ? AcceleratorKind.OpenCL : AcceleratorKind.IlgpuCpu;
        IsGpu = device is CLAccelerator { DeviceType: CLDeviceType.CL_DEVICE_TYPE_GPU };
        Team = settings.Team ?? 1;
        ProblemsPerGroup = settings.ProblemsPerGroup ?? (Team == 1 && IsGpu ? 32 : 1);
        KernelLayouts.Validate(Team, ProblemsPerGroup);
        if ((long)Team * ProblemsPerGroup > device.MaxNumThreadsPerGroup)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), Team * ProblemsPerGroup,
                $"settings.Team × settings.ProblemsPerGroup must be at most {device.MaxNumThreadsPerGroup} (the group limit of {device.Name}); it is {Team} × {ProblemsPerGroup}.");
        }

        if (settings.MaxChunkRows is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.MaxChunkRows, $"settings.MaxChunkRows must be at least 1 or null; it is {settings.MaxChunkRows}.");
        }

        MaxChunkRows = settings.MaxChunkRows;
    }

    /// <inheritdoc/>
    public override AcceleratorKind Kind { get; }

    /// <inheritdoc/>
    public override string DeviceName =>
        $"{Device.Name} (ILGPU {(Device is CPUAccelerator ? "CPU" : "OpenCL")}, team {Team}, {ProblemsPerGroup} per group)";

    /// <summary>Whether the device is a GPU.</summary>
    public bool IsGpu { get; }

    /// <summary>The threads per problem.</summary>
    public int Team { get; }

    /// <summary>The problems one thread group fits side by side.</summary>
    public int ProblemsPerGroup { get; }

    /// <summary>The most rows one launch fits, or null where chunks are sized from the device's memory.</summary>
    public int? MaxChunkRows { get; }

    /// <summary>Whether the device computes in double precision.</summary>
    public bool SupportsDouble => DeviceContext.SupportsDouble(Device);

    /// <summary>The ILGPU accelerator.</summary>
    internal IlgpuAccelerator Device { get; }

    /// <inheritdoc/>
    protected override FitResult FitCore(
        FitBatch batch, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.Precision == Precision.Double && !SupportsDouble)
        {
            throw new NotSupportedException(
                $"{Device.Name} has no double precision: fit with options.Precision = Precision.Single, or on the CPU accelerator.");
        }

        lock (_gate)
        {
            _tables ??= MathTablesBuffer.Allocate(Device);
            return options.Precision == Precision.Double
                ? new DeviceFit<double>(this, Kernel<double>(batch, options), _tables.Tables, batch, options).Run(progress, cancellationToken)
                : new DeviceFit<float>(this, Kernel<float>(batch, options), _tables.Tables, batch, options).Run(progress, cancellationToken);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tables?.Dispose();
            Device.Dispose();
        }
    }

    /// <summary>The kernel for the batch's model in <typeparamref name="TReal"/>, compiled on first use.</summary>
    private Action<AcceleratorStream, KernelConfig, Kernels.Minpack.LmArguments<TReal>> Kernel<TReal>(FitBatch batch, FitOptions options)
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
    {
        Precision precision = typeof(TReal) == typeof(double) ? Precision.Double : Precision.Single;
        Type model = DeviceModelEmitter.Emit(batch.Model, precision);
        bool analytic = options.Jacobian == JacobianMode.Analytic;
        if (!_kernels.TryGetValue((model, typeof(TReal), analytic), out Delegate? kernel))
        {
            kernel = Device.LoadKernel<Action<AcceleratorStream, KernelConfig, Kernels.Minpack.LmArguments<TReal>>>(
                LmKernel.Method<TReal>(model, Team, ProblemsPerGroup, analytic));
            _kernels[(model, typeof(TReal), analytic)] = kernel;
        }

        return (Action<AcceleratorStream, KernelConfig, Kernels.Minpack.LmArguments<TReal>>)kernel;
    }
}

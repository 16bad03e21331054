using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
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

    private DeviceAccelerator(
        IlgpuAccelerator device, int? deviceIndex, string description, bool isGpu, int team, int problemsPerGroup, int? maxChunkRows)
    {
        Device = device;
        DeviceIndex = deviceIndex;
        Description = description;
        Kind = device is CLAccelerator ? AcceleratorKind.OpenCL : AcceleratorKind.IlgpuCpu;
        IsGpu = isGpu;
        Team = team;
        ProblemsPerGroup = problemsPerGroup;
        MaxChunkRows = maxChunkRows;
    }

    /// <inheritdoc/>
    public override AcceleratorKind Kind { get; }

    /// <inheritdoc/>
    public override string DeviceName => $"{Description}, team {Team}, {ProblemsPerGroup} per group";

    /// <summary>The index of the OpenCL device in <see cref="DeviceContext.OpenCLDevices"/>, or null on ILGPU's CPU accelerator.</summary>
    public int? DeviceIndex { get; }

    /// <summary>The device, as discovery describes it.</summary>
    public string Description { get; }

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

    /// <summary>Creates an accelerator on the OpenCL device <paramref name="settings"/> chooses, if there is one.</summary>
    /// <param name="settings">Device, team size, problems per group and chunking.</param>
    /// <param name="accelerator">The accelerator, or null.</param>
    /// <param name="reason">Why none was created (no OpenCL device, what to install), or empty.</param>
    /// <returns>Whether one was created.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range for the device.</exception>
    public static bool TryCreateOpenCL(DeviceSettings settings, [NotNullWhen(true)] out DeviceAccelerator? accelerator, out string reason)
    {
        ArgumentNullException.ThrowIfNull(settings);
        accelerator = null;
        IReadOnlyList<CLDevice> devices = DeviceContext.Shared.OpenCLDevices;
        if (devices.Count == 0)
        {
            return DeviceContext.Shared.TryCreateOpenCL(0, out _, out reason);
        }

        int index = settings.DeviceIndex ?? 0;
        if (index < 0 || index >= devices.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), index, $"settings.DeviceIndex must be 0 to {devices.Count - 1} (the OpenCL devices found); it is {index}.");
        }

        CLDevice device = devices[index];
        (int team, int perGroup) = Layout(settings, DeviceContext.IsGpu(device), device.MaxNumThreadsPerGroup, device.Name);
        if (!DeviceContext.Shared.TryCreateOpenCL(index, out CLAccelerator? opened, out reason))
        {
            return false;
        }

        accelerator = new DeviceAccelerator(opened, index, DeviceContext.Describe(device), DeviceContext.IsGpu(device), team, perGroup, settings.MaxChunkRows);
        return true;
    }

    /// <summary>Creates an accelerator on ILGPU's CPU accelerator, the kernel's test bench.</summary>
    /// <param name="settings">Team size, problems per group and chunking (the device index is not used).</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static DeviceAccelerator CreateCpu(DeviceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (int team, int perGroup) = Layout(settings, isGpu: false, DeviceContext.CpuGroupLimit, "ILGPU's CPU accelerator");
        CPUAccelerator cpu = DeviceContext.Shared.CreateCpu();
        return new DeviceAccelerator(cpu, null, $"ILGPU CPU accelerator ({cpu.NumMultiprocessors} cores)", isGpu: false, team, perGroup, settings.MaxChunkRows);
    }

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

    /// <summary>The team size and problems per group <paramref name="settings"/> give on a device, checked.</summary>
    private static (int Team, int ProblemsPerGroup) Layout(DeviceSettings settings, bool isGpu, int groupLimit, string deviceName)
    {
        int team = settings.Team ?? 1;
        int limit = Math.Min(1024, groupLimit);
        if (team < 1 || (team & (team - 1)) != 0 || team > limit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), team, $"settings.Team must be a power of two from 1 to {limit} on {deviceName}; it is {team}.");
        }

        int perGroup = settings.ProblemsPerGroup ?? (team == 1 && isGpu ? 32 : 1);
        if (perGroup < 1 || (long)perGroup * team > limit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), perGroup, $"settings.ProblemsPerGroup must be 1 to {limit / team} (the group limit of {deviceName} over the team of {team}); it is {perGroup}.");
        }

        if (perGroup > 1 && team > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), perGroup, $"settings.ProblemsPerGroup must be 1 with a team of more than one (the team is {team}), since a barrier spans the whole group; it is {perGroup}.");
        }

        if (settings.MaxChunkRows is < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.MaxChunkRows, $"settings.MaxChunkRows must be at least 1 or null; it is {settings.MaxChunkRows}.");
        }

        return (team, perGroup);
    }

    /// <summary>Compiles and loads a kernel, turning whatever ILGPU or the device's compiler throws into one clear message.</summary>
    /// <typeparam name="TDelegate">The launcher's delegate type.</typeparam>
    /// <param name="device">The accelerator.</param>
    /// <param name="kernel">The kernel method.</param>
    /// <param name="what">What the kernel is, for the message.</param>
    /// <returns>The launcher.</returns>
    /// <exception cref="InvalidOperationException">The kernel did not compile or load; the message names it, the
    /// device and the compiler's error, and the inner exception is ILGPU's.</exception>
    internal static TDelegate Load<TDelegate>(IlgpuAccelerator device, MethodInfo kernel, string what)
        where TDelegate : Delegate
    {
        try
        {
            return device.LoadKernel<TDelegate>(kernel);
        }
        catch (Exception e) when (e is InternalCompilerException or NotSupportedException or CLException or CapabilityNotSupportedException or InvalidOperationException)
        {
            string detail = e is CLException cl ? $"OpenCL error {cl.Error}" : e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new InvalidOperationException($"Compiling {what} for {device.Name} failed: {detail}", e);
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
            kernel = Load<Action<AcceleratorStream, KernelConfig, Kernels.Minpack.LmArguments<TReal>>>(
                Device,
                LmKernel.Method<TReal>(model, Team, ProblemsPerGroup, analytic),
                $"the LM kernel for '{batch.Model.Expression}' ({precision}, {options.Jacobian}, team {Team}, {ProblemsPerGroup} per group)");
            _kernels[(model, typeof(TReal), analytic)] = kernel;
        }

        return (Action<AcceleratorStream, KernelConfig, Kernels.Minpack.LmArguments<TReal>>)kernel;
    }
}

using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Host.Devices;

namespace GpuLm.Tests.OpenCL;

/// <summary>One device accelerator per team size and problems per group, and one CPU
/// accelerator, shared by a test class: PoCL compiles each distinct kernel in about a second,
/// and the kernels are cached per accelerator. Each suite runs once per device through a thin
/// subclass that names its fixture.</summary>
public abstract class DeviceFixture : IDisposable
{
    private readonly Dictionary<(int Team, int Pack), Accelerator> _byLayout = [];
    private readonly Lock _gate = new();

    /// <summary>The CPU oracle.</summary>
    public CpuAccelerator Cpu { get; } = Accelerators.Cpu();

    /// <summary>The accelerator with the device's default layout.</summary>
    public Accelerator Default => Layout(null, null);

    /// <summary>An accelerator with <paramref name="teamSize"/> threads per problem and the
    /// device's default problems per group.</summary>
    /// <exception cref="InvalidOperationException">The device is missing; the message says why.</exception>
    public Accelerator Team(int? teamSize) => Layout(teamSize, null);

    /// <summary>An accelerator with a team of one and <paramref name="problemsPerGroup"/> problems per group.</summary>
    /// <exception cref="InvalidOperationException">The device is missing; the message says why.</exception>
    public Accelerator Packed(int problemsPerGroup) => Layout(1, problemsPerGroup);

    /// <summary>A new accelerator with a team of one that fits at most <paramref name="maxChunkRows"/> rows per launch; the caller disposes it.</summary>
    public abstract Accelerator Chunked(int maxChunkRows);

    /// <summary>The problems per group of an accelerator this fixture made.</summary>
    public abstract int ProblemsPerGroupOf(Accelerator accelerator);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Accelerator accelerator in _byLayout.Values)
        {
            accelerator.Dispose();
        }

        Cpu.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates an accelerator with the given layout (null for the device's default).</summary>
    protected abstract Accelerator Create(int? teamSize, int? problemsPerGroup);

    private Accelerator Layout(int? teamSize, int? problemsPerGroup)
    {
        lock (_gate)
        {
            (int, int) key = (teamSize ?? 0, problemsPerGroup ?? 0);
            if (!_byLayout.TryGetValue(key, out Accelerator? accelerator))
            {
                accelerator = Create(teamSize, problemsPerGroup);
                _byLayout[key] = accelerator;
            }

            return accelerator;
        }
    }
}

/// <summary>GpuLm's ILGPU kernel on the first OpenCL device, through ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLFixture : DeviceFixture
{
    /// <inheritdoc/>
    public override Accelerator Chunked(int maxChunkRows) =>
        Accelerators.OpenCL(new DeviceSettings { Team = 1, MaxChunkRows = maxChunkRows });

    /// <inheritdoc/>
    public override int ProblemsPerGroupOf(Accelerator accelerator) => ((DeviceAccelerator)accelerator).ProblemsPerGroup;

    /// <inheritdoc/>
    protected override Accelerator Create(int? teamSize, int? problemsPerGroup) =>
        Accelerators.OpenCL(new DeviceSettings { Team = teamSize, ProblemsPerGroup = problemsPerGroup });
}

/// <summary>GpuLm's ILGPU kernel on ILGPU's CPU accelerator, the kernel's test bench.</summary>
public sealed class IlgpuCpuFixture : DeviceFixture
{
    /// <inheritdoc/>
    public override Accelerator Chunked(int maxChunkRows) =>
        Accelerators.IlgpuCpu(new DeviceSettings { Team = 1, MaxChunkRows = maxChunkRows });

    /// <inheritdoc/>
    public override int ProblemsPerGroupOf(Accelerator accelerator) => ((DeviceAccelerator)accelerator).ProblemsPerGroup;

    /// <inheritdoc/>
    protected override Accelerator Create(int? teamSize, int? problemsPerGroup) =>
        Accelerators.IlgpuCpu(new DeviceSettings { Team = teamSize, ProblemsPerGroup = problemsPerGroup });
}

using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Host.OpenCL;

namespace GpuLm.Tests.OpenCL;

/// <summary>One OpenCL accelerator per team size and problems per work-group, and one CPU
/// accelerator, shared by a test class: PoCL compiles each distinct source in about a second,
/// and the programs are cached per process.</summary>
public sealed class OpenCLFixture : IDisposable
{
    private readonly Dictionary<(int Team, int Pack), OpenCLAccelerator> _byLayout = [];
    private readonly Lock _gate = new();

    /// <summary>The CPU oracle.</summary>
    public CpuAccelerator Cpu { get; } = Accelerators.Cpu();

    /// <summary>The accelerator with the device's default team size.</summary>
    public OpenCLAccelerator Default => Team(null);

    /// <summary>An accelerator with <paramref name="teamSize"/> threads per problem and the
    /// device's default problems per work-group.</summary>
    /// <exception cref="InvalidOperationException">No OpenCL device exists; the message says why.</exception>
    public OpenCLAccelerator Team(int? teamSize) => Layout(teamSize, null);

    /// <summary>An accelerator with a team of one and <paramref name="problemsPerGroup"/>
    /// problems per work-group.</summary>
    /// <exception cref="InvalidOperationException">No OpenCL device exists; the message says why.</exception>
    public OpenCLAccelerator Packed(int problemsPerGroup) => Layout(1, problemsPerGroup);

    private OpenCLAccelerator Layout(int? teamSize, int? problemsPerGroup)
    {
        lock (_gate)
        {
            (int, int) key = (teamSize ?? 0, problemsPerGroup ?? 0);
            if (!_byLayout.TryGetValue(key, out OpenCLAccelerator? accelerator))
            {
                accelerator = Accelerators.OpenCL(new OpenCLSettings { TeamSize = teamSize, ProblemsPerGroup = problemsPerGroup });
                _byLayout[key] = accelerator;
            }

            return accelerator;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (OpenCLAccelerator accelerator in _byLayout.Values)
        {
            accelerator.Dispose();
        }

        Cpu.Dispose();
    }
}

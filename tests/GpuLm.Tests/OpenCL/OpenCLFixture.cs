using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Host.OpenCL;

namespace GpuLm.Tests.OpenCL;

/// <summary>One OpenCL accelerator per team size and one CPU accelerator, shared by a test
/// class: PoCL compiles each distinct source in about a second, and the programs are cached
/// per process.</summary>
public sealed class OpenCLFixture : IDisposable
{
    private readonly Dictionary<int, OpenCLAccelerator> _byTeam = [];
    private readonly Lock _gate = new();

    /// <summary>The CPU oracle.</summary>
    public CpuAccelerator Cpu { get; } = Accelerators.Cpu();

    /// <summary>The accelerator with the device's default team size.</summary>
    public OpenCLAccelerator Default => Team(null);

    /// <summary>An accelerator with <paramref name="teamSize"/> threads per problem.</summary>
    /// <exception cref="InvalidOperationException">No OpenCL device exists; the message says why.</exception>
    public OpenCLAccelerator Team(int? teamSize)
    {
        lock (_gate)
        {
            int key = teamSize ?? 0;
            if (!_byTeam.TryGetValue(key, out OpenCLAccelerator? accelerator))
            {
                accelerator = Accelerators.OpenCL(new OpenCLSettings { TeamSize = teamSize });
                _byTeam[key] = accelerator;
            }

            return accelerator;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (OpenCLAccelerator accelerator in _byTeam.Values)
        {
            accelerator.Dispose();
        }

        Cpu.Dispose();
    }
}

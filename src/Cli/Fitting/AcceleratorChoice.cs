using GpuLm.Host;
using GpuLm.Host.Devices;

namespace GpuLm.Cli.Fitting;

/// <summary>Turns <c>--accelerator</c>, <c>--threads</c>, <c>--team</c> and <c>--per-group</c> into an accelerator.</summary>
internal static class AcceleratorChoice
{
    /// <summary>Creates the accelerator the user asked for.</summary>
    /// <param name="name">auto, cpu, opencl, cuda or ilgpu-cpu.</param>
    /// <param name="threads">--threads, for the CPU accelerator.</param>
    /// <param name="team">--team, the OpenCL accelerator's threads per problem; null for the device's default.</param>
    /// <param name="perGroup">--per-group, the OpenCL accelerator's problems per group; null for the device's default.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="UsageException">It is unavailable (with the reason), or an option is out of range.</exception>
    public static Accelerator Create(string name, int? threads, int? team, int? perGroup)
    {
        if (threads is < 1)
        {
            throw new UsageException($"--threads must be at least 1; it is {threads}.");
        }

        if (team is { } t && (t < 1 || (t & (t - 1)) != 0))
        {
            throw new UsageException($"--team must be a power of two (1, 2, 4, ...); it is {t}.");
        }

        if (perGroup is < 1)
        {
            throw new UsageException($"--per-group must be at least 1; it is {perGroup}.");
        }

        if (perGroup > 1 && team > 1)
        {
            throw new UsageException($"--per-group above 1 needs --team 1 (a barrier spans the whole group); they are {perGroup} and {team}.");
        }

        bool layout = team is not null || perGroup is not null;
        if (layout && name == "cpu")
        {
            throw new UsageException("--team and --per-group are settings of the OpenCL accelerator; the CPU accelerator fits one problem per thread (see --threads).");
        }

        var openCL = new DeviceSettings { Team = team, ProblemsPerGroup = perGroup };
        try
        {
            Accelerator accelerator = name == "auto" ? Accelerators.Default() : Accelerators.ParseKind(name) switch
            {
                AcceleratorKind.Cpu => Accelerators.Cpu(threads),
                AcceleratorKind.OpenCL => Accelerators.OpenCL(openCL),
                AcceleratorKind.IlgpuCpu => Accelerators.IlgpuCpu(openCL),
                AcceleratorKind kind => Accelerators.Create(kind),
                null => throw new UsageException($"--accelerator must be auto, cpu, opencl, cuda or ilgpu-cpu; it is '{name}'."),
            };

            // auto chose with the defaults: apply --threads or the OpenCL layout to its choice.
            if (name == "auto" && accelerator.Kind == AcceleratorKind.Cpu && threads is not null)
            {
                accelerator.Dispose();
                accelerator = Accelerators.Cpu(threads);
            }
            else if (name == "auto" && accelerator is DeviceAccelerator chosen && layout)
            {
                // the same device auto chose, with the layout asked for.
                DeviceSettings again = openCL with { DeviceIndex = chosen.DeviceIndex };
                bool onOpenCL = chosen.Kind == AcceleratorKind.OpenCL;
                accelerator.Dispose();
                accelerator = onOpenCL ? Accelerators.OpenCL(again) : Accelerators.IlgpuCpu(again);
            }

            return accelerator;
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"--accelerator {name}: {e.Message}", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"--team {team?.ToString() ?? "(default)"} --per-group {perGroup?.ToString() ?? "(default)"}: {e.Message.Split(" (Parameter")[0]}", e);
        }
    }
}

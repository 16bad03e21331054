using GpuLm.Host;

namespace GpuLm.Cli.Fitting;

/// <summary>Turns <c>--accelerator</c> and <c>--threads</c> into an accelerator.</summary>
internal static class AcceleratorChoice
{
    /// <summary>Creates the accelerator the user asked for.</summary>
    /// <param name="name">auto, cpu, opencl or cuda.</param>
    /// <param name="threads">--threads, for the CPU accelerator.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="UsageException">It is unavailable (with the reason), or --threads is not positive.</exception>
    public static Accelerator Create(string name, int? threads)
    {
        if (threads is < 1)
        {
            throw new UsageException($"--threads must be at least 1; it is {threads}.");
        }

        try
        {
            Accelerator accelerator = name == "auto" ? Accelerators.Default() : Accelerators.ParseKind(name) switch
            {
                AcceleratorKind.Cpu => Accelerators.Cpu(threads),
                AcceleratorKind kind => Accelerators.Create(kind),
                null => throw new UsageException($"--accelerator must be auto, cpu, opencl or cuda; it is '{name}'."),
            };
            if (accelerator.Kind == AcceleratorKind.Cpu && threads is not null && name == "auto")
            {
                accelerator.Dispose();
                accelerator = Accelerators.Cpu(threads);
            }

            return accelerator;
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"--accelerator {name}: {e.Message}", e);
        }
    }
}

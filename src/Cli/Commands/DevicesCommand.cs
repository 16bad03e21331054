using System.CommandLine;
using GpuLm.Host;

namespace GpuLm.Cli.Commands;

/// <summary><c>gpulm devices</c>: the accelerators found, and why any kind is missing.</summary>
internal static class DevicesCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("devices", "List the accelerators found, with device and memory, and why any kind is missing.");
        command.SetAction(_ =>
        {
            foreach (AcceleratorInfo info in Accelerators.Discover())
            {
                string kind = Accelerators.NameOf(info.Kind);
                Console.WriteLine(info.Available
                    ? $"{kind,-9} available    {info.Description}"
                    : $"{kind,-9} unavailable  {info.Description}");
            }

            string? choice = Environment.GetEnvironmentVariable(Accelerators.EnvironmentVariable);
            Console.WriteLine();
            Console.WriteLine(string.IsNullOrWhiteSpace(choice)
                ? "default: auto (CUDA, then an OpenCL GPU, then the CPU)"
                : $"default: {Accelerators.EnvironmentVariable}={choice}");
            return ExitCodes.Success;
        });
        return command;
    }
}

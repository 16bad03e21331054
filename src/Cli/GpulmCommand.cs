namespace GpuLm.Cli;

/// <summary>The gpulm command line.</summary>
internal static class GpulmCommand
{
    /// <summary>Runs gpulm with <paramref name="args"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("gpulm: no commands yet");
        return 2;
    }
}

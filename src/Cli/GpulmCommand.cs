using System.CommandLine;
using GpuLm.Cli.Commands;

namespace GpuLm.Cli;

/// <summary>The gpulm command line: <c>fit</c>, <c>demo</c>, <c>devices</c>, <c>models</c>.</summary>
internal static class GpulmCommand
{
    /// <summary>Runs gpulm with <paramref name="args"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args)
    {
        var root = new RootCommand(
            "gpulm: scipy.optimize.leastsq (MINPACK) for millions of curve fits at once, from .npy and CSV files.")
        {
            FitCommand.Create(),
            DemoCommand.Create(),
            DevicesCommand.Create(),
            ModelsCommand.Create(),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                Console.Error.WriteLine($"gpulm: {error.Message}");
            }

            Console.Error.WriteLine("Run 'gpulm --help' or 'gpulm <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"gpulm: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gpulm: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"gpulm: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("GPULM_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.InternalError;
        }
    }
}

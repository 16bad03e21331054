using System.Diagnostics;

namespace GpuLm.Tests.Cli;

/// <summary>Runs the built gpulm tool as a child process.</summary>
internal static class GpulmProcess
{
    /// <summary>The exit code and the two output streams of one run.</summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>The gpulm.dll beside the test assembly (the test project references the CLI).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "gpulm.dll");

    /// <summary>Runs <c>dotnet gpulm.dll args</c> and waits for it.</summary>
    public static Outcome Run(params string[] args) => Run(null, args);

    /// <summary>Runs gpulm with extra environment variables.</summary>
    public static Outcome Run(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using Process process = Start(environment, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gpulm {string.Join(' ', args)} ran longer than 5 minutes");
        }

        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts gpulm without waiting.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["GPULM_ACCELERATOR"] = "cpu";
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }
}

/// <summary>A temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gpulm-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

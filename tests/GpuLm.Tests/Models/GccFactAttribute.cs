using System.Diagnostics;
using Xunit;

namespace GpuLm.Tests.Models;

/// <summary>A fact that needs a C compiler: skipped, saying why, where <c>gcc</c> is not on PATH.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when gcc is missing.</summary>
    public GccFactAttribute()
    {
        if (Gcc.Path is null)
        {
            Skip = "gcc is not on PATH: the emitted C cannot be compiled here (install gcc to run this test).";
        }
    }
}

/// <summary>A theory that needs a C compiler: skipped, saying why, where <c>gcc</c> is not on PATH.</summary>
public sealed class GccTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when gcc is missing.</summary>
    public GccTheoryAttribute()
    {
        if (Gcc.Path is null)
        {
            Skip = "gcc is not on PATH: the emitted C cannot be compiled here (install gcc to run this test).";
        }
    }
}

/// <summary>Finds and runs gcc.</summary>
internal static class Gcc
{
    /// <summary>The full path of gcc, or null where it is not on PATH.</summary>
    public static readonly string? Path = Find();

    /// <summary>Runs a program, feeding it <paramref name="stdin"/>; returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It exits with a non-zero status.</exception>
    public static string Run(string file, IEnumerable<string> arguments, string stdin = "")
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{error.Result}\n{output.Result}");
        }

        return output.Result;
    }

    private static string? Find()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null)
        {
            return null;
        }

        foreach (string folder in path.Split(System.IO.Path.PathSeparator))
        {
            string candidate = System.IO.Path.Combine(folder, "gcc");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

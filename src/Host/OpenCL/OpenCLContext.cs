using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace GpuLm.Host.OpenCL;

/// <summary>
/// One OpenCL context per device for the whole process, with its built programs: a
/// translation unit is compiled once per process, whichever accelerator asks for it.
/// </summary>
/// <remarks>The contexts and programs live as long as the process; PoCL's own disk cache
/// (<c>~/.cache/pocl</c>) is left on, so a later process starts warm.</remarks>
internal sealed partial class OpenCLContext
{
    /// <summary>OpenCL C 1.2 (PoCL reports 1.2 on its CPU device), no fast-math.</summary>
    public const string BuildOptions = "-cl-std=CL1.2";

    private static readonly ConcurrentDictionary<nint, Lazy<OpenCLContext>> s_contexts = new();

    private readonly ConcurrentDictionary<string, Lazy<nint>> _programs = new(StringComparer.Ordinal);

    private OpenCLContext(OpenCLDevice device)
    {
        Device = device;
        Handle = device.Api.CreateContext(device.Handle);
    }

    public OpenCLDevice Device { get; }

    public nint Handle { get; }

    public OpenCLApi Api => Device.Api;

    /// <summary>The process's context for <paramref name="device"/>.</summary>
    public static OpenCLContext For(OpenCLDevice device) =>
        s_contexts.GetOrAdd(device.Handle, _ => new Lazy<OpenCLContext>(() => new OpenCLContext(device))).Value;

    /// <summary>The built program of <paramref name="source"/>, compiled on the first request.</summary>
    /// <param name="source">The translation unit.</param>
    /// <param name="what">What the source is, for the error message.</param>
    /// <exception cref="OpenCLException">The build failed; the message holds the build log
    /// and the source lines it points at.</exception>
    public nint Program(string source, string what)
    {
        Lazy<nint> entry = _programs.GetOrAdd(source, s => new Lazy<nint>(() => Build(s, what)));
        try
        {
            return entry.Value;
        }
        catch (OpenCLException)
        {
            _programs.TryRemove(source, out _);
            throw;
        }
    }

    /// <summary>Builds a program without caching it (the cache is keyed by source, so a failing
    /// source is simply not kept).</summary>
    public nint Build(string source, string what)
    {
        (nint program, int status, string log) = Api.BuildProgram(Handle, Device.Handle, source, BuildOptions);
        if (status == OpenCLApi.Success)
        {
            return program;
        }

        Api.ReleaseProgram(program);
        throw new OpenCLException(status, BuildFailureMessage(status, log, source, what));
    }

    /// <summary>The build log with each line it cites quoted from the generated source.</summary>
    internal static string BuildFailureMessage(int status, string log, string source, string what)
    {
        string[] lines = source.Split('\n');
        var message = new StringBuilder();
        message.Append("The OpenCL build of ").Append(what).Append(" failed with ")
            .Append(OpenCLException.StatusName(status)).Append(" (").Append(status).Append("). Build log:\n")
            .Append(log.Length == 0 ? "(empty)" : log).Append('\n');
        var cited = new SortedSet<int>();
        foreach (Match match in CitedLine().Matches(log))
        {
            Group number = match.Groups[1].Success ? match.Groups[1] : match.Groups[2];
            if (int.TryParse(number.ValueSpan, out int line) && line >= 1 && line <= lines.Length)
            {
                cited.Add(line);
            }
        }

        foreach (int line in cited)
        {
            message.Append("generated source line ").Append(line).Append(": ").Append(lines[line - 1].TrimEnd()).Append('\n');
        }

        return message.ToString().TrimEnd();
    }

    /// <summary>clang's "file:line:col: error" and PoCL's "error: file:line:col:".</summary>
    [GeneratedRegex(@"error: \S*?:(\d+):\d+:|:(\d+):\d+: (?:fatal )?error", RegexOptions.CultureInvariant)]
    private static partial Regex CitedLine();
}

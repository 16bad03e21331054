using System.Diagnostics;
using GpuLm.Tests.Batch;
using Xunit;

namespace GpuLm.Tests.Samples;

/// <summary>Runs each sample that checks its fits against the truth it generated, as a user
/// would, and requires its verdict: exit code 0 and its closing PASS line.</summary>
/// <remarks>The test project references the samples without their assemblies, so they are built
/// first, in the same configuration; each runs as its own process because a sample is a
/// program with top-level statements. The child inherits <c>GPULM_ACCELERATOR</c>, so these
/// tests share the collection of the tests that set it.</remarks>
[Collection(nameof(AcceleratorEnvironment))]
public sealed class SamplesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("PixelDecayMap")]
    [InlineData("SpectralPeaks")]
    [InlineData("SpotFit2D")]
    public async Task Sample_Run_PassesItsTruthCheck(string name)
    {
        string dll = SampleAssembly(name);
        Assert.True(File.Exists(dll), $"{dll} was not built; the test project references samples/{name}.");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Limit))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{name} ran longer than {Limit.TotalSeconds} s.");
            }
        }

        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{name} exited with {process.ExitCode}:\n{output}");
        Assert.Contains($"PASS  {name}:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    /// <summary>samples/&lt;name&gt;/bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;name&gt;.dll, with the
    /// configuration and framework this test assembly was built for, under the folder that
    /// holds GpuLm.sln.</summary>
    private static string SampleAssembly(string name)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        DirectoryInfo? root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GpuLm.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "samples", name, "bin", configuration, framework, name + ".dll");
    }
}

using System.Runtime.InteropServices;
using GpuLm.Host.OpenCL;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>Each way OpenCL can be missing or fail says so clearly.</summary>
public sealed class OpenCLErrorTests(OpenCLFixture fixture) : IClassFixture<OpenCLFixture>
{
    [Fact]
    public void TryLoad_MissingLibrary_SaysWhichNameWasNotFound()
    {
        Assert.False(OpenCLApi.TryLoad(["libOpenCL-missing.so.1"], out OpenCLApi? api, out string reason));
        Assert.Null(api);
        Assert.Equal("libOpenCL-missing.so.1 not found", reason);
    }

    [Fact]
    public void TryLoad_NoneOfTheUsualNames_ListsThemAndWhatToInstall()
    {
        Assert.False(OpenCLApi.TryLoad(["libOpenCL-missing.so.1", "libOpenCL-missing.so"], out _, out string reason));
        Assert.StartsWith("libOpenCL-missing.so.1 not found (also tried libOpenCL-missing.so)", reason);
        Assert.Contains("install an OpenCL ICD loader", reason);
    }

    [OpenCLFact]
    public void Discover_LoaderWithEmptyVendorFolder_SaysNoPlatform()
    {
        // The ICD loader reads OCL_ICD_VENDORS once, when it first enumerates platforms: a
        // private copy of the loader, loaded after setting the variable in the native
        // environment, enumerates afresh while the process's own loader keeps PoCL.
        Assert.NotNull(OpenCLApi.Default.Api);
        string folder = Directory.CreateTempSubdirectory("gpulm-no-icd").FullName;
        string copy = Path.Combine(folder, "libOpenCL-copy.so.1");
        string loader = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty)
            .First(path => Path.GetFileName(path).StartsWith("libOpenCL.so", StringComparison.Ordinal));
        File.Copy(loader, copy);
        string empty = Directory.CreateDirectory(Path.Combine(folder, "vendors")).FullName;
        Assert.Equal(0, SetEnv("OCL_ICD_VENDORS", empty, 1));
        try
        {
            Assert.True(OpenCLApi.TryLoad([copy], out OpenCLApi? api, out string why), why);
            IReadOnlyList<OpenCLDevice> devices = OpenCLDevice.Discover(api!, out string reason);
            Assert.Empty(devices);
            Assert.StartsWith("OpenCL loader found", reason);
            Assert.Contains("no platform", reason);
        }
        finally
        {
            UnsetEnv("OCL_ICD_VENDORS");
        }
    }

    [OpenCLFact]
    public void Build_SourceWithAnError_ReportsTheLogAndTheGeneratedLine()
    {
        OpenCLContext context = OpenCLContext.For(((OpenCLAccelerator)fixture.Default).Device);
        const string source = "/* line 1 */\n__kernel void broken(__global double* x)\n{\n    x[0] = no_such_function(x[1]);\n}\n";
        var e = Assert.Throws<OpenCLException>(() => context.Build(source, "a test kernel"));
        Assert.Equal(OpenCLApi.BuildProgramFailure, e.Status);
        Assert.Contains("The OpenCL build of a test kernel failed with CL_BUILD_PROGRAM_FAILURE", e.Message);
        Assert.True(e.Message.Contains("generated source line 4: " + "    x[0] = no_such_function(x[1]);", StringComparison.Ordinal), e.Message);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int UnsetEnv(string name);
}

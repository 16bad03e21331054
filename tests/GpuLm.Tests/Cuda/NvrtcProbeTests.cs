using System.Runtime.InteropServices;
using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

public sealed class NvrtcProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gpulm-nvrtc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Candidates_OverrideSet_OnlyTheOverride()
    {
        IReadOnlyList<NvrtcCandidate> candidates = NvrtcApi.Candidates(Environment(("GPULM_NVRTC", "/opt/nowhere/libnvrtc.so.13"), ("CUDA_HOME", "/opt/cuda")));

        NvrtcCandidate only = Assert.Single(candidates);
        Assert.Equal(new NvrtcCandidate(NvrtcCandidateKind.File, "/opt/nowhere/libnvrtc.so.13", "GPULM_NVRTC"), only);
    }

    [Fact]
    public void Candidates_NoOverride_SonamesThenToolkitFolders()
    {
        IReadOnlyList<NvrtcCandidate> candidates = NvrtcApi.Candidates(Environment(("CUDA_HOME", "/opt/cuda-x")));

        Assert.Equal(
            ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so", "/opt/cuda-x/lib64", "/usr/local/cuda/lib64"],
            candidates.Take(6).Select(c => c.Value));
        Assert.All(candidates.Take(4), c => Assert.Equal(NvrtcCandidateKind.Name, c.Kind));
        Assert.Equal("$CUDA_HOME/lib64", candidates[4].Origin);
        Assert.All(candidates.Skip(4), c => Assert.Equal(NvrtcCandidateKind.Folder, c.Kind));
    }

    [Fact]
    public void Candidates_CudaPathEqualsCudaHome_FolderTriedOnce()
    {
        IReadOnlyList<NvrtcCandidate> candidates = NvrtcApi.Candidates(Environment(("CUDA_PATH", "/usr/local/cuda"), ("CUDA_HOME", "/usr/local/cuda/")));

        Assert.Single(candidates, c => c.Value.TrimEnd('/').EndsWith("/usr/local/cuda/lib64", StringComparison.Ordinal));
    }

    [Fact]
    public void Candidates_VirtualEnvironment_WheelFoldersOfItsSitePackages()
    {
        string site = Directory.CreateDirectory(Path.Combine(_folder, "lib", "python3.12", "site-packages")).FullName;

        IReadOnlyList<NvrtcCandidate> candidates = NvrtcApi.Candidates(Environment(("VIRTUAL_ENV", _folder)));

        Assert.Contains(site, NvrtcApi.PythonSitePackages(Environment(("VIRTUAL_ENV", _folder))));
        Assert.Contains(candidates, c => c.Value == Path.Combine(site, "nvidia/cu13/lib") && c.Origin == "Python wheel");
        Assert.Contains(candidates, c => c.Value == Path.Combine(site, "nvidia/cuda_nvrtc/lib"));
    }

    [Fact]
    public void TryLoad_OverrideMissingFile_ReportNamesThePathAndWhy()
    {
        string missing = Path.Combine(_folder, "libnvrtc.so.13");

        bool loaded = NvrtcApi.TryLoad(NvrtcApi.Candidates(Environment(("GPULM_NVRTC", missing))), out NvrtcApi? api, out string report);

        Assert.False(loaded);
        Assert.Null(api);
        Assert.StartsWith($"NVRTC not found: tried {missing} [GPULM_NVRTC]: file does not exist.", report, StringComparison.Ordinal);
        Assert.Contains("unset it", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_OverrideTextFile_ReportSaysNotALoadableLibrary()
    {
        string text = Path.Combine(_folder, "libnvrtc.so.12");
        File.WriteAllText(text, "not a shared object\n");

        bool loaded = NvrtcApi.TryLoad(NvrtcApi.Candidates(Environment(("GPULM_NVRTC", text))), out _, out string report);

        Assert.False(loaded);
        Assert.Contains($"{text} [GPULM_NVRTC]: not a loadable library (", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to load shared library", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_OverrideLibraryThatIsNotNvrtc_ReportNamesTheMissingEntryPoint()
    {
        string other = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so");
        Assert.True(File.Exists(other), $"the test needs a native library that is not NVRTC: {other}");

        bool loaded = NvrtcApi.TryLoad(NvrtcApi.Candidates(Environment(("GPULM_NVRTC", other))), out _, out string report);

        Assert.False(loaded);
        Assert.Contains($"{other} [GPULM_NVRTC]: loaded, but lacks nvrtcVersion: not NVRTC", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_OverrideEmptyFolder_ReportSaysNoLibraryInIt()
    {
        bool loaded = NvrtcApi.TryLoad(NvrtcApi.Candidates(Environment(("GPULM_NVRTC", _folder))), out _, out string report);

        Assert.False(loaded);
        Assert.Contains($"{_folder} [GPULM_NVRTC]: no libnvrtc.so* in the folder", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_WheelFolderWithBrokenLibrary_ReportListsTheFileItTried()
    {
        string site = Directory.CreateDirectory(Path.Combine(_folder, "lib", "python3.11", "site-packages")).FullName;
        string lib = Directory.CreateDirectory(Path.Combine(site, "nvidia", "cu13", "lib")).FullName;
        File.WriteAllText(Path.Combine(lib, "libnvrtc.so.13"), "truncated download\n");
        File.WriteAllText(Path.Combine(lib, "libnvrtc-builtins.so.13.0"), "not tried\n");
        IReadOnlyList<NvrtcCandidate> wheels = NvrtcApi.Candidates(Environment(("VIRTUAL_ENV", _folder)))
            .Where(c => c.Value.StartsWith(site, StringComparison.Ordinal))
            .ToArray();

        bool loaded = NvrtcApi.TryLoad(wheels, out _, out string report);

        Assert.False(loaded);
        Assert.Contains($"{Path.Combine(lib, "libnvrtc.so.13")} [Python wheel]: not a loadable library", report, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(site, "nvidia/cuda_nvrtc/lib")} [Python wheel]: folder absent", report, StringComparison.Ordinal);
        Assert.DoesNotContain("builtins", report, StringComparison.Ordinal);
        Assert.Contains("pip install nvidia-cuda-nvrtc", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_UsualPlaces_LoadsOrListsEveryCandidate()
    {
        IReadOnlyList<NvrtcCandidate> candidates = NvrtcApi.Candidates(_ => null);

        bool loaded = NvrtcApi.TryLoad(candidates, out NvrtcApi? api, out string report);

        if (loaded)
        {
            Assert.NotNull(api);
            Assert.StartsWith("NVRTC ", report, StringComparison.Ordinal);
            return;
        }

        Assert.StartsWith("NVRTC not found: tried ", report, StringComparison.Ordinal);
        Assert.All(candidates, c => Assert.Contains(c.Value, report, StringComparison.Ordinal));
    }
}

using System.Runtime.InteropServices;
using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

public sealed class CudaDiscoveryTests
{
    [Fact]
    public void TryDiscover_ThisMachine_DoesNotThrowAndGivesAReasonWhenFalse()
    {
        bool found = CudaDevice.TryDiscover(out IReadOnlyList<CudaDeviceInfo> devices, out string reason);

        Assert.Equal(found, devices.Count > 0);
        if (!found)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }

        if (!CudaAvailability.DriverInstalled && Environment.GetEnvironmentVariable(CudaApi.LibraryVariable) is null)
        {
            Assert.False(found);
            Assert.Equal("libcuda.so.1 not found (no NVIDIA driver; also tried libcuda.so)", reason);
        }
    }

    [Fact]
    public void TryDiscover_NoDriver_ReasonIsTheDriversAndNvrtcIsNotProbed()
    {
        bool probed = false;

        bool found = CudaDevice.TryDiscover((null, "libcuda.so.1 not found (no NVIDIA driver)"), () => { probed = true; return (null, "unused"); }, out IReadOnlyList<CudaDeviceInfo> devices, out string reason);

        Assert.False(found);
        Assert.Empty(devices);
        Assert.Equal("libcuda.so.1 not found (no NVIDIA driver)", reason);
        Assert.False(probed);
    }

    [NoCudaDriverFact]
    public void TryLoad_DefaultNamesWithoutDriver_SaysNoNvidiaDriver()
    {
        bool loaded = CudaApi.TryLoad(CudaApi.DefaultNames, out CudaApi? api, out string reason);

        Assert.False(loaded);
        Assert.Null(api);
        Assert.Equal("libcuda.so.1 not found (no NVIDIA driver; also tried libcuda.so)", reason);
    }

    [Fact]
    public void TryLoad_TextFile_SaysNotALoadableLibrary()
    {
        string text = Path.GetTempFileName();
        try
        {
            File.WriteAllText(text, "libcuda, honest\n");

            bool loaded = CudaApi.TryLoad([text], out _, out string reason);

            Assert.False(loaded);
            Assert.StartsWith($"no CUDA driver: {text}: not a loadable library (", reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void TryLoad_LibraryWithoutDriverEntryPoints_NamesTheMissingEntryPoint()
    {
        string other = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so");

        bool loaded = CudaApi.TryLoad([other], out _, out string reason);

        Assert.False(loaded);
        Assert.StartsWith($"{other} lacks cuInit: not a CUDA driver", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_H100_NamesArchitectureMemoryAndTarget()
    {
        var device = new CudaDeviceInfo(0, "NVIDIA H100 80GB HBM3", 85_520_809_984, 9, 0, 132, 1024, 49152, 232448, 32, new Version(13, 0), new Version(13, 0), "sm_90 CUBIN");

        Assert.Equal("sm_90", device.Architecture);
        Assert.Equal("NVIDIA H100 80GB HBM3 (#0, sm_90, 132 SMs, 79.6 GiB, driver CUDA 13.0, NVRTC 13.0, sm_90 CUBIN)", device.ToString());
    }
}

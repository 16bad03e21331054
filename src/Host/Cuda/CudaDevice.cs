using System.Globalization;

namespace GpuLm.Host.Cuda;

/// <summary>One CUDA device as discovery found it, with the driver and NVRTC that will serve it.</summary>
/// <param name="Ordinal">The device's ordinal for <c>cuDeviceGet</c> (as <c>CUDA_VISIBLE_DEVICES</c> numbers them).</param>
/// <param name="Name">The device's name, e.g. "NVIDIA H100 80GB HBM3".</param>
/// <param name="TotalMemory">Device memory in bytes.</param>
/// <param name="ComputeCapabilityMajor">The compute capability's major part (9 for Hopper).</param>
/// <param name="ComputeCapabilityMinor">The compute capability's minor part.</param>
/// <param name="MultiprocessorCount">The number of streaming multiprocessors.</param>
/// <param name="MaxThreadsPerBlock">The most threads one block (one team) may have.</param>
/// <param name="SharedMemoryPerBlock">Shared memory a block may use without opting in, in bytes.</param>
/// <param name="SharedMemoryPerBlockOptIn">Shared memory a block may use after opting in, in bytes.</param>
/// <param name="WarpSize">Threads per warp.</param>
/// <param name="DriverVersion">The CUDA version the driver implements (<c>cuDriverGetVersion</c>).</param>
/// <param name="NvrtcVersion">The NVRTC version kernels are compiled with.</param>
/// <param name="CompileTarget">What kernels compile to for this device, e.g. "sm_90 CUBIN" or "compute_120 PTX".</param>
public sealed record CudaDeviceInfo(
    int Ordinal,
    string Name,
    long TotalMemory,
    int ComputeCapabilityMajor,
    int ComputeCapabilityMinor,
    int MultiprocessorCount,
    int MaxThreadsPerBlock,
    int SharedMemoryPerBlock,
    int SharedMemoryPerBlockOptIn,
    int WarpSize,
    Version DriverVersion,
    Version NvrtcVersion,
    string CompileTarget)
{
    /// <summary>The device's real architecture, e.g. <c>sm_90</c>.</summary>
    public string Architecture => string.Create(CultureInfo.InvariantCulture, $"sm_{ComputeCapabilityMajor}{ComputeCapabilityMinor}");

    /// <summary>One line for <c>gpulm devices</c>: name, architecture, SMs, memory, driver and NVRTC.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name} (#{Ordinal}, {Architecture}, {MultiprocessorCount} SMs, {TotalMemory / (1024.0 * 1024 * 1024):0.#} GiB, driver CUDA {DriverVersion}, NVRTC {NvrtcVersion}, {CompileTarget})");
}

/// <summary>Discovery of CUDA devices through the driver API and NVRTC. Never throws: every missing
/// piece (driver, device, NVRTC, an architecture NVRTC cannot target) is a reason.</summary>
internal static class CudaDevice
{
    /// <summary>The usable CUDA devices of this process.</summary>
    /// <param name="devices">The devices NVRTC can compile for; empty where there are none.</param>
    /// <param name="reason">Why there are none; or, where some are listed, which devices were left out and why; else empty.</param>
    /// <returns>Whether at least one device is usable.</returns>
    public static bool TryDiscover(out IReadOnlyList<CudaDeviceInfo> devices, out string reason)
    {
        try
        {
            return TryDiscover(CudaApi.Default, () => NvrtcApi.Default, out devices, out reason);
        }
        catch (Exception e)
        {
            // Discovery must never throw: an unexpected failure (a broken driver install) is a reason too.
            devices = [];
            reason = $"CUDA discovery failed: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Discovery with a given driver and NVRTC probe, for tests and for explicit library choices.</summary>
    /// <param name="driver">The driver bindings, or null and why (<see cref="CudaApi.Default"/>).</param>
    /// <param name="nvrtc">Probes NVRTC, asked only once a device exists (<see cref="NvrtcApi.Default"/>).</param>
    /// <param name="devices">The usable devices.</param>
    /// <param name="reason">As for <see cref="TryDiscover(out IReadOnlyList{CudaDeviceInfo}, out string)"/>.</param>
    /// <returns>Whether at least one device is usable.</returns>
    internal static bool TryDiscover(
        (CudaApi? Api, string Reason) driver,
        Func<(NvrtcApi? Api, string Report)> nvrtc,
        out IReadOnlyList<CudaDeviceInfo> devices,
        out string reason)
    {
        devices = [];
        if (driver.Api is not { } api)
        {
            reason = driver.Reason;
            return false;
        }

        int result = api.Init();
        if (result != CudaApi.Success)
        {
            reason = $"cuInit failed: {api.Describe(result)}";
            return false;
        }

        result = api.TryDeviceCount(out int count);
        if (result != CudaApi.Success)
        {
            reason = $"cuDeviceGetCount failed: {api.Describe(result)}";
            return false;
        }

        if (count == 0)
        {
            reason = "the NVIDIA driver is installed but sees no CUDA device (check CUDA_VISIBLE_DEVICES)";
            return false;
        }

        (NvrtcApi? compiler, string report) = nvrtc();
        if (compiler is null)
        {
            reason = report;
            return false;
        }

        int driverVersion = api.DriverVersion();
        var driverVersionParsed = new Version(driverVersion / 1000, driverVersion % 1000 / 10);
        NvrtcCapabilities capabilities = compiler.Capabilities;
        var nvrtcVersion = new Version(capabilities.Major, capabilities.Minor);
        var found = new List<CudaDeviceInfo>();
        var skipped = new List<string>();
        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            int device = api.Device(ordinal);
            string name = api.DeviceName(device);
            int major = api.DeviceAttribute(device, CudaApi.AttributeComputeCapabilityMajor);
            int minor = api.DeviceAttribute(device, CudaApi.AttributeComputeCapabilityMinor);
            if (!CudaCompileOptions.TrySelect(major, minor, capabilities, null, out CudaCompileOptions? options, out string why))
            {
                skipped.Add($"#{ordinal} {name}: {why}");
                continue;
            }

            found.Add(new CudaDeviceInfo(
                ordinal,
                name,
                api.DeviceTotalMemory(device),
                major,
                minor,
                api.DeviceAttribute(device, CudaApi.AttributeMultiprocessorCount),
                api.DeviceAttribute(device, CudaApi.AttributeMaxThreadsPerBlock),
                api.DeviceAttribute(device, CudaApi.AttributeMaxSharedMemoryPerBlock),
                api.DeviceAttribute(device, CudaApi.AttributeMaxSharedMemoryPerBlockOptIn),
                api.DeviceAttribute(device, CudaApi.AttributeWarpSize),
                driverVersionParsed,
                nvrtcVersion,
                $"{options.ArchitectureName} {(options.Kind == CudaBinaryKind.Cubin ? "CUBIN" : "PTX")}"));
        }

        devices = found;
        reason = string.Join("; ", skipped);
        return found.Count > 0;
    }
}

using System.Globalization;

namespace GpuLm.Host.OpenCL;

/// <summary>One OpenCL device as discovery found it: platform, name, type, memory, limits and fp64.</summary>
public sealed class OpenCLDevice
{
    private OpenCLDevice(OpenCLApi api, nint platform, nint device)
    {
        Api = api;
        PlatformHandle = platform;
        Handle = device;
        Platform = api.PlatformString(platform, OpenCLApi.PlatformName);
        Name = api.DeviceString(device, OpenCLApi.DeviceName);
        Version = api.DeviceString(device, OpenCLApi.DeviceVersion);
        ulong type = api.DeviceULong(device, OpenCLApi.DeviceType);
        IsGpu = (type & OpenCLApi.DeviceTypeGpu) != 0;
        IsCpu = (type & OpenCLApi.DeviceTypeCpu) != 0;
        ComputeUnits = (int)api.DeviceUInt(device, OpenCLApi.DeviceMaxComputeUnits);
        GlobalMemory = (long)api.DeviceULong(device, OpenCLApi.DeviceGlobalMemSize);
        MaxAllocation = (long)api.DeviceULong(device, OpenCLApi.DeviceMaxMemAllocSize);
        LocalMemory = (long)api.DeviceULong(device, OpenCLApi.DeviceLocalMemSize);
        MaxWorkGroupSize = (int)Math.Min((ulong)api.DeviceSize(device, OpenCLApi.DeviceMaxWorkGroupSize), int.MaxValue);
        string extensions = api.DeviceString(device, OpenCLApi.DeviceExtensions);
        SupportsDouble = extensions.Contains("cl_khr_fp64", StringComparison.Ordinal)
            || api.DeviceULong(device, OpenCLApi.DeviceDoubleFpConfig) != 0;
    }

    /// <summary>The platform's name, e.g. "Portable Computing Language".</summary>
    public string Platform { get; }

    /// <summary>The device's name.</summary>
    public string Name { get; }

    /// <summary>The device's OpenCL version string.</summary>
    public string Version { get; }

    /// <summary>Whether the device is a GPU (CL_DEVICE_TYPE_GPU).</summary>
    public bool IsGpu { get; }

    /// <summary>Whether the device is a CPU (CL_DEVICE_TYPE_CPU), as PoCL's is.</summary>
    public bool IsCpu { get; }

    /// <summary>The compute units.</summary>
    public int ComputeUnits { get; }

    /// <summary>The global memory in bytes.</summary>
    public long GlobalMemory { get; }

    /// <summary>The largest single buffer in bytes.</summary>
    public long MaxAllocation { get; }

    /// <summary>The local (shared) memory per work-group in bytes.</summary>
    public long LocalMemory { get; }

    /// <summary>The largest work-group.</summary>
    public int MaxWorkGroupSize { get; }

    /// <summary>Whether the device computes in double precision (cl_khr_fp64).</summary>
    public bool SupportsDouble { get; }

    /// <summary>The team size fits use unless told otherwise: 1, one problem per work-item, on
    /// every device. Every team size gives the same results (the CPU's, bit for bit, measured on
    /// PoCL from 2 to 64); no GPU has measured which is fastest yet, so a team is chosen through
    /// <see cref="OpenCLSettings.TeamSize"/>.</summary>
    public int DefaultTeamSize => 1;

    /// <summary>The problems per work-group fits use unless told otherwise (with a team of one):
    /// on a GPU 32, a warp's worth, so that a work-group fills the device's SIMD lanes; on other
    /// devices 1.</summary>
    public int DefaultProblemsPerGroup => IsGpu ? 32 : 1;

    internal OpenCLApi Api { get; }

    internal nint PlatformHandle { get; }

    internal nint Handle { get; }

    /// <summary>Every OpenCL device of every platform; discovery never throws.</summary>
    /// <param name="reason">Why the list is empty, or empty.</param>
    /// <returns>The devices, GPUs first.</returns>
    public static IReadOnlyList<OpenCLDevice> Discover(out string reason)
    {
        (OpenCLApi? api, string why) = OpenCLApi.Default;
        if (api is null)
        {
            reason = why;
            return [];
        }

        return Discover(api, out reason);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string kind = IsGpu ? "GPU" : IsCpu ? "CPU" : "device";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Platform}: {Name} ({kind}, {ComputeUnits} compute units, {GlobalMemory / (1024.0 * 1024 * 1024):0.0} GiB, {(SupportsDouble ? "fp64" : "no fp64")})");
    }

    internal static IReadOnlyList<OpenCLDevice> Discover(OpenCLApi api, out string reason)
    {
        try
        {
            var found = new List<OpenCLDevice>();
            nint[] platforms = api.Platforms();
            if (platforms.Length == 0)
            {
                reason = $"OpenCL loader found ({api.LibraryName}), no platform: install a driver (an ICD such as pocl-opencl-icd) or check OCL_ICD_VENDORS";
                return [];
            }

            foreach (nint platform in platforms)
            {
                foreach (nint device in api.Devices(platform))
                {
                    found.Add(new OpenCLDevice(api, platform, device));
                }
            }

            reason = found.Count == 0 ? $"OpenCL found {platforms.Length} platform(s) but no device" : string.Empty;
            return [.. found.OrderByDescending(d => d.IsGpu)];
        }
        catch (OpenCLException e)
        {
            reason = $"OpenCL discovery failed: {e.Message}";
            return [];
        }
    }
}

using System.Runtime.InteropServices;
using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

/// <summary>Whether a CUDA device exists, and what a test does when none does.</summary>
internal static class CudaAvailability
{
    /// <summary>Set to 1 on a GPU machine to make a missing CUDA device a failure instead of a skip.</summary>
    public const string RequireVariable = "GPULM_REQUIRE_CUDA";

    private static readonly Lazy<(IReadOnlyList<CudaDeviceInfo> Devices, string Reason)> s_discovered = new(() =>
        CudaDevice.TryDiscover(out IReadOnlyList<CudaDeviceInfo> devices, out string reason) ? (devices, reason) : ([], reason));

    /// <summary>The usable devices (discovered once per test run).</summary>
    public static IReadOnlyList<CudaDeviceInfo> Devices => s_discovered.Value.Devices;

    /// <summary>Why no CUDA device can be used, or null where one can.</summary>
    public static string? Missing => Devices.Count > 0 ? null : s_discovered.Value.Reason;

    /// <summary>Whether the dynamic loader finds an NVIDIA driver (<c>libcuda.so.1</c>).</summary>
    public static bool DriverInstalled
    {
        get
        {
            if (!NativeLibrary.TryLoad("libcuda.so.1", out nint handle))
            {
                return false;
            }

            NativeLibrary.Free(handle);
            return true;
        }
    }

    /// <summary>Whether absence must fail rather than skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The skip reason for a test that needs a device, or null to run it.</summary>
    public static string? SkipReason =>
        Missing is { } reason && !Required
            ? $"no CUDA device ({reason}); set {RequireVariable}=1 to make this a failure"
            : null;
}

/// <summary>A fact that needs a CUDA device: skipped, saying why, where none exists, unless
/// <c>GPULM_REQUIRE_CUDA=1</c>, which makes it run (and fail).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no device exists.</summary>
    public CudaFactAttribute()
    {
        if (CudaAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact about what happens without an NVIDIA driver: skipped, saying why, where one is installed.</summary>
public sealed class NoCudaDriverFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <c>libcuda.so.1</c> loads.</summary>
    public NoCudaDriverFactAttribute()
    {
        if (CudaAvailability.DriverInstalled)
        {
            Skip = "an NVIDIA driver (libcuda.so.1) is installed; this test checks the message where none is";
        }
    }
}

using GpuLm.Host.Devices;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>Whether an OpenCL device exists, and what a test does when none does.</summary>
internal static class OpenCLAvailability
{
    /// <summary>Set to 1 (as CI does) to make a missing OpenCL platform a failure instead of a skip.</summary>
    public const string RequireVariable = "GPULM_REQUIRE_OPENCL";

    private static readonly Lazy<string?> s_missing = new(() =>
        DeviceContext.Shared.TryCreateOpenCL(0, out ILGPU.Runtime.OpenCL.CLAccelerator? device, out string reason) ? Dispose(device) : reason);

    /// <summary>Why no OpenCL device can be used, or null where one can.</summary>
    public static string? Missing => s_missing.Value;

    private static string? Dispose(IDisposable device)
    {
        device.Dispose();
        return null;
    }

    /// <summary>Whether absence must fail rather than skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The skip reason for a test that needs a device, or null to run it.</summary>
    public static string? SkipReason =>
        Missing is { } reason && !Required
            ? $"no OpenCL device ({reason}); set {RequireVariable}=1 to make this a failure"
            : null;
}

/// <summary>A fact that needs an OpenCL device: skipped, saying why, where none exists, unless
/// <c>GPULM_REQUIRE_OPENCL=1</c>, which makes it run (and fail).</summary>
public sealed class OpenCLFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no device exists.</summary>
    public OpenCLFactAttribute()
    {
        if (OpenCLAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs an OpenCL device; see <see cref="OpenCLFactAttribute"/>.</summary>
public sealed class OpenCLTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no device exists.</summary>
    public OpenCLTheoryAttribute()
    {
        if (OpenCLAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

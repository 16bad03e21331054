using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GpuLm.Host.Cuda;

/// <summary>What NVRTC emits: machine code for one architecture, or PTX the driver JIT-compiles.</summary>
internal enum CudaBinaryKind
{
    /// <summary>A CUBIN for a real architecture <c>sm_XY</c> (<c>nvrtcGetCUBIN</c>).</summary>
    Cubin,

    /// <summary>PTX for a virtual architecture <c>compute_XY</c> (<c>nvrtcGetPTX</c>).</summary>
    Ptx,
}

/// <summary>What an NVRTC library can do, as the choice of target needs it.</summary>
/// <param name="Major">NVRTC's major version (<c>nvrtcVersion</c>).</param>
/// <param name="Minor">NVRTC's minor version.</param>
/// <param name="HasCubin">Whether it exports <c>nvrtcGetCUBIN</c> (NVRTC 11.1 and later).</param>
/// <param name="SupportedArchitectures">The architectures it compiles for as 10·major + minor
/// (<c>nvrtcGetSupportedArchs</c>, NVRTC 11.2 and later); empty where it cannot say.</param>
internal sealed record NvrtcCapabilities(int Major, int Minor, bool HasCubin, IReadOnlyList<int> SupportedArchitectures)
{
    /// <summary>"major.minor".</summary>
    public string VersionText => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}

/// <summary>
/// The NVRTC target and flags for one device: CUBIN for the device's <c>sm_XY</c> where NVRTC can
/// emit it, PTX for a <c>compute_XY</c> the driver JIT-compiles otherwise, and the flags that keep
/// the device's arithmetic identical to the CPU oracle's.
/// </summary>
/// <remarks>
/// CUBIN is preferred because PTX carries an ISA version: PTX from an NVRTC newer than the driver
/// fails to load (<c>CUDA_ERROR_UNSUPPORTED_PTX_VERSION</c>), machine code does not. The flags:
/// <c>-fmad=false</c> (MINPACK's operation order with each product rounded, as the CPU port;
/// NVRTC contracts <c>a*b+c</c> into an FMA by default), <c>--ftz=false</c>,
/// <c>--prec-div=true</c> and <c>--prec-sqrt=true</c> (IEEE division and square root, NVRTC's
/// defaults made explicit), <c>-default-device</c> (functions without an execution-space
/// attribute are device functions, as the shared C source has none),
/// <c>--std=c++17</c> (<c>c++14</c> before NVRTC 11), and <c>-DGPULM_CUDA=1</c>.
/// </remarks>
/// <param name="Kind">CUBIN or PTX.</param>
/// <param name="Architecture">The target architecture as 10·major + minor, e.g. 90.</param>
/// <param name="Flags">The options for <c>nvrtcCompileProgram</c>, in order.</param>
/// <param name="Why">Why this target: one sentence for logs and <c>gpulm devices</c>.</param>
internal sealed record CudaCompileOptions(CudaBinaryKind Kind, int Architecture, IReadOnlyList<string> Flags, string Why)
{
    /// <summary><c>sm_XY</c> for CUBIN, <c>compute_XY</c> for PTX.</summary>
    public string ArchitectureName => ArchitectureText(Kind == CudaBinaryKind.Cubin ? "sm_" : "compute_", Architecture);

    /// <summary>Chooses the target and flags for a device of compute capability
    /// <paramref name="major"/>.<paramref name="minor"/> and an NVRTC of <paramref name="nvrtc"/>'s abilities.</summary>
    /// <param name="major">The device's compute capability, major part (e.g. 9 for an H100).</param>
    /// <param name="minor">The minor part, 0 to 9.</param>
    /// <param name="nvrtc">What the NVRTC library can do.</param>
    /// <param name="defines">Extra <c>-DNAME=VALUE</c> defines after <c>-DGPULM_CUDA=1</c> (a null value
    /// gives <c>-DNAME</c>); null for none. The composed kernel source defines <c>GPULM_DOUBLE</c>,
    /// <c>GPULM_TEAM</c> and <c>GPULM_ANALYTIC</c> itself, so those need not be passed.</param>
    /// <param name="options">The choice, or null.</param>
    /// <param name="reason">Why NVRTC cannot compile for this device, or empty.</param>
    /// <returns>False only where the device is older than every architecture NVRTC supports.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nvrtc"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="major"/> is below 1 or <paramref name="minor"/> outside 0..9.</exception>
    /// <exception cref="ArgumentException">A define's name is not a C identifier.</exception>
    public static bool TrySelect(
        int major,
        int minor,
        NvrtcCapabilities nvrtc,
        IReadOnlyList<(string Name, string? Value)>? defines,
        [NotNullWhen(true)] out CudaCompileOptions? options,
        out string reason)
    {
        ArgumentNullException.ThrowIfNull(nvrtc);
        ArgumentOutOfRangeException.ThrowIfLessThan(major, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minor, 9);
        int device = (major * 10) + minor;
        string sm = ArchitectureText("sm_", device);
        string version = $"NVRTC {nvrtc.VersionText}";
        IReadOnlyList<int> known = nvrtc.SupportedArchitectures;

        CudaBinaryKind kind;
        int target;
        string why;
        if (known.Count == 0)
        {
            kind = nvrtc.HasCubin ? CudaBinaryKind.Cubin : CudaBinaryKind.Ptx;
            target = device;
            why = nvrtc.HasCubin
                ? $"{sm} CUBIN: {version} cannot list its architectures (nvrtcGetSupportedArchs came with 11.2), so {sm} is assumed supported"
                : $"{ArchitectureText("compute_", device)} PTX: {version} has no nvrtcGetCUBIN (it came with 11.1); the driver JIT-compiles the PTX";
        }
        else
        {
            int oldest = known.Min();
            int newest = known.Max();
            if (device < oldest)
            {
                options = null;
                reason = $"device {sm} is older than the oldest architecture this NVRTC supports ({version}: {ArchitectureText("sm_", oldest)} to {ArchitectureText("sm_", newest)}); use the NVRTC of an older CUDA toolkit (GPULM_NVRTC), or another accelerator";
                return false;
            }

            if (known.Contains(device) && nvrtc.HasCubin)
            {
                kind = CudaBinaryKind.Cubin;
                target = device;
                why = $"{sm} CUBIN: {version} supports {sm} and emits machine code, which no driver JIT step can reject";
            }
            else if (known.Contains(device))
            {
                kind = CudaBinaryKind.Ptx;
                target = device;
                why = $"{ArchitectureText("compute_", device)} PTX: {version} has no nvrtcGetCUBIN; the driver JIT-compiles the PTX";
            }
            else
            {
                kind = CudaBinaryKind.Ptx;
                target = known.Where(a => a < device).Max();
                why = $"{ArchitectureText("compute_", target)} PTX: {version} does not know {sm} (the newest it knows below it is {ArchitectureText("sm_", target)}); the driver JIT-compiles the PTX for the device";
            }
        }

        options = new CudaCompileOptions(kind, target, BuildFlags(kind, target, nvrtc, defines), why);
        reason = string.Empty;
        return true;
    }

    private static string[] BuildFlags(CudaBinaryKind kind, int target, NvrtcCapabilities nvrtc, IReadOnlyList<(string Name, string? Value)>? defines)
    {
        var flags = new List<string>
        {
            "--gpu-architecture=" + ArchitectureText(kind == CudaBinaryKind.Cubin ? "sm_" : "compute_", target),
            nvrtc.Major >= 11 ? "--std=c++17" : "--std=c++14",
            "-default-device",
            "-fmad=false",
            "--ftz=false",
            "--prec-div=true",
            "--prec-sqrt=true",
            "-DGPULM_CUDA=1",
        };
        foreach ((string name, string? value) in defines ?? [])
        {
            if (!IsIdentifier(name))
            {
                throw new ArgumentException($"A define's name must be a C identifier; it is '{name}'.", nameof(defines));
            }

            flags.Add(value is null ? $"-D{name}" : $"-D{name}={value}");
        }

        return flags.ToArray();
    }

    private static bool IsIdentifier(string name) =>
        !string.IsNullOrEmpty(name)
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string ArchitectureText(string prefix, int architecture) =>
        prefix + architecture.ToString(CultureInfo.InvariantCulture);
}

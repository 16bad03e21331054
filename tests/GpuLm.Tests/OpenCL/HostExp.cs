using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace GpuLm.Tests.OpenCL;

/// <summary>Whether <see cref="Math.Exp"/>, <see cref="Math.Pow"/> and <see cref="Math.Atan"/> on
/// this host are the exp, pow and atan that the device's <c>DeviceMath.Exp</c>, <c>Pow</c> and
/// <c>Atan</c> reproduce: glibc's FMA builds, which glibc's ifunc selects on x86-64 Linux
/// where FMA and AVX2 are usable.</summary>
/// <remarks>Elsewhere (no FMA, musl, Windows, macOS, Arm) the CPU accelerator's exp, pow and atan
/// are another libm's, and the device agrees with them only to the last bit or so.</remarks>
internal static class HostExp
{
    private static readonly Lazy<bool> s_isGlibcFma = new(() =>
        OperatingSystem.IsLinux() && Fma.IsSupported && Avx2.IsSupported
        && NativeLibrary.TryLoad("libc.so.6", out nint libc)
        && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _));

    /// <summary>True where Math.Exp, Math.Pow and Math.Atan are glibc's FMA builds, so that device and CPU agree bit for bit.</summary>
    public static bool IsGlibcFma => s_isGlibcFma.Value;
}

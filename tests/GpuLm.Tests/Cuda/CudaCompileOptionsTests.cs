using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

public sealed class CudaCompileOptionsTests
{
    // What NVRTC 13.0 and 12.4 report from nvrtcGetSupportedArchs.
    private static readonly NvrtcCapabilities s_nvrtc13 = new(13, 0, true, [75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121]);
    private static readonly NvrtcCapabilities s_nvrtc124 = new(12, 4, true, [50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90]);

    private static CudaCompileOptions Select(int major, int minor, NvrtcCapabilities nvrtc, IReadOnlyList<(string, string?)>? defines = null)
    {
        Assert.True(CudaCompileOptions.TrySelect(major, minor, nvrtc, defines, out CudaCompileOptions? options, out string reason), reason);
        Assert.Equal(string.Empty, reason);
        return options;
    }

    [Theory]
    [InlineData(9, 0, "sm_90")]
    [InlineData(8, 0, "sm_80")]
    [InlineData(7, 5, "sm_75")]
    [InlineData(12, 0, "sm_120")]
    [InlineData(10, 3, "sm_103")]
    public void TrySelect_ArchitectureNvrtcSupports_CubinForTheDevice(int major, int minor, string architecture)
    {
        CudaCompileOptions options = Select(major, minor, s_nvrtc13);

        Assert.Equal(CudaBinaryKind.Cubin, options.Kind);
        Assert.Equal(architecture, options.ArchitectureName);
        Assert.Equal("--gpu-architecture=" + architecture, options.Flags[0]);
        Assert.Contains("CUBIN", options.Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(6, 1)]
    [InlineData(5, 0)]
    public void TrySelect_DeviceOlderThanNvrtcSupports_FalseWithReason(int major, int minor)
    {
        bool selected = CudaCompileOptions.TrySelect(major, minor, s_nvrtc13, null, out CudaCompileOptions? options, out string reason);

        Assert.False(selected);
        Assert.Null(options);
        Assert.StartsWith($"device sm_{major}{minor} is older than the oldest architecture this NVRTC supports (NVRTC 13.0: sm_75 to sm_121)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySelect_DeviceNewerThanNvrtcKnows_PtxForNewestKnown()
    {
        CudaCompileOptions options = Select(12, 0, s_nvrtc124);

        Assert.Equal(CudaBinaryKind.Ptx, options.Kind);
        Assert.Equal("compute_90", options.ArchitectureName);
        Assert.Equal("--gpu-architecture=compute_90", options.Flags[0]);
        Assert.Contains("does not know sm_120", options.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySelect_ArchitectureMissingInsideRange_PtxForNewestKnownBelow()
    {
        var nvrtc = new NvrtcCapabilities(11, 4, true, [35, 50, 60, 70, 75, 80, 86]);

        CudaCompileOptions options = Select(8, 9, nvrtc);

        Assert.Equal(CudaBinaryKind.Ptx, options.Kind);
        Assert.Equal("compute_86", options.ArchitectureName);
    }

    [Fact]
    public void TrySelect_NvrtcWithoutCubin_PtxForTheDeviceAndSaysWhy()
    {
        var nvrtc = new NvrtcCapabilities(11, 0, false, []);

        CudaCompileOptions options = Select(8, 0, nvrtc);

        Assert.Equal(CudaBinaryKind.Ptx, options.Kind);
        Assert.Equal("compute_80", options.ArchitectureName);
        Assert.Contains("no nvrtcGetCUBIN", options.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySelect_ArchitectureListedButNoCubin_PtxForTheDevice()
    {
        var nvrtc = new NvrtcCapabilities(12, 0, false, [75, 80, 86, 90]);

        CudaCompileOptions options = Select(9, 0, nvrtc);

        Assert.Equal(CudaBinaryKind.Ptx, options.Kind);
        Assert.Equal("compute_90", options.ArchitectureName);
    }

    [Fact]
    public void TrySelect_NvrtcCannotListArchitectures_CubinAssumed()
    {
        var nvrtc = new NvrtcCapabilities(11, 1, true, []);

        CudaCompileOptions options = Select(8, 6, nvrtc);

        Assert.Equal(CudaBinaryKind.Cubin, options.Kind);
        Assert.Equal("sm_86", options.ArchitectureName);
        Assert.Contains("assumed", options.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySelect_AnyTarget_FlagsKeepTheOraclesArithmetic()
    {
        CudaCompileOptions options = Select(9, 0, s_nvrtc13);

        Assert.Equal(
            ["--gpu-architecture=sm_90", "--std=c++17", "-default-device", "-fmad=false", "--ftz=false", "--prec-div=true", "--prec-sqrt=true", "-DGPULM_CUDA=1"],
            options.Flags);
        Assert.DoesNotContain(options.Flags, f => f.Contains("fast", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TrySelect_NvrtcBefore11_Cpp14()
    {
        CudaCompileOptions options = Select(7, 0, new NvrtcCapabilities(10, 2, false, []));

        Assert.Contains("--std=c++14", options.Flags);
    }

    [Fact]
    public void TrySelect_Defines_AppendedAfterGpulmCuda()
    {
        CudaCompileOptions options = Select(9, 0, s_nvrtc13, [("GPULM_REAL", "double"), ("GPULM_TEAM", "64"), ("GPULM_TRACE", null)]);

        Assert.Equal(["-DGPULM_CUDA=1", "-DGPULM_REAL=double", "-DGPULM_TEAM=64", "-DGPULM_TRACE"], options.Flags.TakeLast(4));
    }

    [Theory]
    [InlineData("1BAD")]
    [InlineData("GPULM TEAM")]
    [InlineData("")]
    public void TrySelect_DefineNameNotAnIdentifier_Throws(string name)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            CudaCompileOptions.TrySelect(9, 0, s_nvrtc13, [(name, "1")], out _, out _));

        Assert.Equal("defines", e.ParamName);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 10)]
    [InlineData(9, -1)]
    public void TrySelect_ComputeCapabilityOutOfRange_Throws(int major, int minor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CudaCompileOptions.TrySelect(major, minor, s_nvrtc13, null, out _, out _));
    }
}

using GpuLm.Host;
using GpuLm.Host.OpenCL;
using GpuLm.Kernels;
using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>The team size, problems per work-group and chunk size: what is accepted, and the
/// message for what is not.</summary>
public sealed class OpenCLSettingsTests
{
    private static readonly Model Line = Model.Parse("a*t + b", ["a", "b"], ["t"]);

    public static TheoryData<OpenCLSettings, string> BadSettings() => new()
    {
        { new OpenCLSettings { TeamSize = 3 }, "settings.TeamSize must be a power of two from 1 to" },
        { new OpenCLSettings { TeamSize = 0 }, "settings.TeamSize must be a power of two from 1 to" },
        { new OpenCLSettings { ProblemsPerGroup = 0 }, "settings.ProblemsPerGroup must be 1 to" },
        { new OpenCLSettings { ProblemsPerGroup = 1025 }, "settings.ProblemsPerGroup must be 1 to" },
        { new OpenCLSettings { TeamSize = 4, ProblemsPerGroup = 2 }, "settings.ProblemsPerGroup must be 1 with a team of more than one (the team is 4)" },
        { new OpenCLSettings { MaxChunkRows = 0 }, "settings.MaxChunkRows must be at least 1" },
        { new OpenCLSettings { DeviceIndex = 99 }, "settings.DeviceIndex must be 0 to" },
    };

    [OpenCLTheory]
    [MemberData(nameof(BadSettings))]
    public void TryCreate_SettingOutOfRange_NamesTheSettingAndTheValue(OpenCLSettings settings, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OpenCLAccelerator.TryCreate(settings, out _, out _));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void TryCreate_Defaults_TeamOfOneAndTheDevicesProblemsPerGroup()
    {
        Assert.True(OpenCLAccelerator.TryCreate(null, out OpenCLAccelerator? accelerator, out string reason), reason);
        using (accelerator)
        {
            Assert.Equal(1, accelerator.TeamSize);
            Assert.Equal(accelerator.Device.DefaultProblemsPerGroup, accelerator.ProblemsPerGroup);
            Assert.Equal(accelerator.Device.IsGpu ? 32 : 1, accelerator.ProblemsPerGroup);
        }
    }

    [Fact]
    public void Compose_SeveralProblemsPerGroup_DefinesThePackAndRefusesItWithATeam()
    {
        Assert.Contains("#define GPULM_PACK 8\n", KernelSource.Compose(Line, true, 1, true, 8), StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KernelSource.Compose(Line, true, 2, true, 8));
        Assert.Equal("problemsPerGroup", e.ParamName);
        Assert.Contains("1 with a team of more than one thread (the team is 2)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelSource.Compose(Line, true, 1, true, 0));
    }
}

using GpuLm.Host;
using GpuLm.Host.Devices;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>The device index, team size, problems per group and chunk size: what is accepted,
/// and the message for what is not.</summary>
public sealed class DeviceSettingsTests
{
    public static TheoryData<DeviceSettings, string> BadSettings() => new()
    {
        { new DeviceSettings { Team = 3 }, "settings.Team must be a power of two from 1 to" },
        { new DeviceSettings { Team = 0 }, "settings.Team must be a power of two from 1 to" },
        { new DeviceSettings { ProblemsPerGroup = 0 }, "settings.ProblemsPerGroup must be 1 to" },
        { new DeviceSettings { ProblemsPerGroup = 1025 }, "settings.ProblemsPerGroup must be 1 to" },
        { new DeviceSettings { Team = 4, ProblemsPerGroup = 2 }, "settings.ProblemsPerGroup must be 1 with a team of more than one (the team is 4)" },
        { new DeviceSettings { MaxChunkRows = 0 }, "settings.MaxChunkRows must be at least 1" },
        { new DeviceSettings { DeviceIndex = 99 }, "settings.DeviceIndex must be 0 to" },
    };

    [OpenCLTheory]
    [MemberData(nameof(BadSettings))]
    public void OpenCL_SettingOutOfRange_NamesTheSettingAndTheValue(DeviceSettings settings, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Accelerators.OpenCL(settings));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IlgpuCpu_TeamAboveTheGroupLimit_NamesTheLimit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Accelerators.IlgpuCpu(new DeviceSettings { Team = 128 }));
        Assert.Contains($"settings.Team must be a power of two from 1 to {DeviceContext.CpuGroupLimit} on ILGPU's CPU accelerator; it is 128.", e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void OpenCL_Defaults_TeamOfOneAndTheDevicesProblemsPerGroup()
    {
        using DeviceAccelerator accelerator = Accelerators.OpenCL();
        Assert.Equal(1, accelerator.Team);
        Assert.Equal(accelerator.IsGpu ? 32 : 1, accelerator.ProblemsPerGroup);
        Assert.Contains("GiB", accelerator.DeviceName, StringComparison.Ordinal);
    }
}

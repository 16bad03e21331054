using GpuLm.Host;
using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>Discovery and the default choice. The environment variable is process-wide, so
/// these tests do not run in parallel with each other.</summary>
[Collection(nameof(AcceleratorEnvironment))]
public sealed class AcceleratorsTests
{
    [Fact]
    public void TryCreate_Cpu_Succeeds()
    {
        Assert.True(Accelerators.TryCreate(AcceleratorKind.Cpu, out Accelerator? cpu, out string reason));
        using (cpu)
        {
            Assert.Equal(AcceleratorKind.Cpu, cpu.Kind);
            Assert.Empty(reason);
            Assert.Contains("CPU", cpu.DeviceName);
        }
    }

    [Theory]
    [InlineData(AcceleratorKind.Cuda)]
    public void TryCreate_BackendMissing_ReturnsFalseWithAReason(AcceleratorKind kind)
    {
        Assert.False(Accelerators.TryCreate(kind, out Accelerator? accelerator, out string reason));
        Assert.Null(accelerator);
        Assert.NotEmpty(reason);
        var e = Assert.Throws<InvalidOperationException>(() => Accelerators.Create(kind));
        Assert.Contains(reason, e.Message);
    }

    [OpenCL.OpenCLFact]
    public void TryCreate_OpenCLThroughPocl_SucceedsWithTheDeviceName()
    {
        Assert.True(Accelerators.TryCreate(AcceleratorKind.OpenCL, out Accelerator? accelerator, out string reason), reason);
        using (accelerator)
        {
            Assert.Equal(AcceleratorKind.OpenCL, accelerator.Kind);
            Assert.Empty(reason);
            Assert.Contains("GiB", accelerator.DeviceName);
        }
    }

    [OpenCL.OpenCLFact]
    public void Discover_OpenCL_ListsEachDeviceWithNameAndMemory()
    {
        IReadOnlyList<AcceleratorInfo> openCL = [.. Accelerators.Discover().Where(f => f.Kind == AcceleratorKind.OpenCL)];

        Assert.NotEmpty(openCL);
        Assert.All(openCL, f => Assert.True(f.Available));
        Assert.All(openCL, f => Assert.Contains("GiB", f.Description));
    }

    [Fact]
    public void Discover_ListsEveryKindWithoutThrowing()
    {
        IReadOnlyList<AcceleratorInfo> found = Accelerators.Discover();

        Assert.Equal(Enum.GetValues<AcceleratorKind>(), found.Select(f => f.Kind).Distinct());
        Assert.True(found.Single(f => f.Kind == AcceleratorKind.Cpu).Available);
        Assert.All(found, f => Assert.NotEmpty(f.Description));
    }

    [Fact]
    public void Default_EnvironmentVariable_IsHonoured()
    {
        string? saved = Environment.GetEnvironmentVariable(Accelerators.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Accelerators.EnvironmentVariable, "cpu");
            using (Accelerator a = Accelerators.Default())
            {
                Assert.Equal(AcceleratorKind.Cpu, a.Kind);
            }

            Environment.SetEnvironmentVariable(Accelerators.EnvironmentVariable, "quantum");
            var bad = Assert.Throws<InvalidOperationException>(Accelerators.Default);
            Assert.Contains("GPULM_ACCELERATOR", bad.Message);
            Assert.Contains("'quantum'", bad.Message);

            Environment.SetEnvironmentVariable(Accelerators.EnvironmentVariable, "cuda");
            var missing = Assert.Throws<InvalidOperationException>(Accelerators.Default);
            Assert.Contains("unavailable", missing.Message);

            // Without CUDA, auto takes an OpenCL GPU only; PoCL's CPU device is not one.
            Environment.SetEnvironmentVariable(Accelerators.EnvironmentVariable, null);
            bool openCLGpu = GpuLm.Host.Devices.DeviceContext.Shared.OpenCLDevices.Any(GpuLm.Host.Devices.DeviceContext.IsGpu);
            using (Accelerator a = Accelerators.Default())
            {
                Assert.Equal(openCLGpu ? AcceleratorKind.OpenCL : AcceleratorKind.Cpu, a.Kind);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(Accelerators.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void Cpu_ThreadCountBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Accelerators.Cpu(0));
    }
}

/// <summary>Tests that change GPULM_ACCELERATOR.</summary>
[CollectionDefinition(nameof(AcceleratorEnvironment), DisableParallelization = true)]
public sealed class AcceleratorEnvironment;

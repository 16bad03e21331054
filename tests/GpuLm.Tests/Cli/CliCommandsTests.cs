using GpuLm.Cli.Npy;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>gpulm demo, devices and models.</summary>
public sealed class CliCommandsTests
{
    [Fact]
    public void Demo_TheReadmeMainJob_PrintsItsSummaryAndWritesTheMaps()
    {
        using var dir = new TempFolder();

        GpulmProcess.Outcome run = GpulmProcess.Run("demo", "--out", dir.File("demo"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("256×256×32", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("fits per second", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("tau error against the truth", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| ier 1 |", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "demo", "map_tau.png")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "demo", "map_ier.png")));
        NpyFile.ReadDoubles(Path.Combine(dir.Path, "demo", "x.npy"), out long[] shape);
        Assert.Equal([256L, 256L, 3L], shape);
    }

    [Fact]
    public void Devices_ListsEveryKindWithTheCpuAvailable()
    {
        GpulmProcess.Outcome run = GpulmProcess.Run("devices");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("cpu       available", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("opencl", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cuda      unavailable", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ilgpu-cpu available", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_ListsTheCatalogueWithParameterTables()
    {
        GpulmProcess.Outcome run = GpulmProcess.Run("models");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (GpuLm.Models.CatalogModel model in GpuLm.Models.ModelCatalog.All)
        {
            Assert.Contains(model.Name, run.Stdout, StringComparison.Ordinal);
            Assert.Contains(model.Expression, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("tau      Time constant", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArguments_ShowsUsageWithExitCode2()
    {
        GpulmProcess.Outcome run = GpulmProcess.Run();

        Assert.Equal(2, run.ExitCode);
    }
}

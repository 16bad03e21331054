using GpuLm.Cli.Fitting;
using GpuLm.Cli.Npy;
using GpuLm.Tests.Batch;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>The progress bar's text, and its silence when stderr is not a terminal.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void Format_HalfWay_ShowsRowsRateAndTimeLeft()
    {
        string line = ProgressBar.Format(50_000, 100_000, TimeSpan.FromSeconds(2));

        Assert.StartsWith("[###############...............]", line, StringComparison.Ordinal);
        Assert.Contains("50%", line, StringComparison.Ordinal);
        Assert.Contains("50,000/100,000 rows", line, StringComparison.Ordinal);
        Assert.Contains("25,000 fits/s", line, StringComparison.Ordinal);
        Assert.Contains("ETA 0:00:02", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Done_ShowsAFullBarAndNoTimeLeft()
    {
        string line = ProgressBar.Format(10, 10, TimeSpan.FromSeconds(1));

        Assert.StartsWith("[" + new string('#', 30) + "]", line, StringComparison.Ordinal);
        Assert.Contains("100%", line, StringComparison.Ordinal);
        Assert.Contains("ETA 0:00:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AfterASecond_DrawsAtMostTenTimesASecondAndEndsTheLine()
    {
        var output = new StringWriter();
        TimeSpan now = TimeSpan.Zero;
        var bar = new ProgressBar(1_000, output, () => now);

        bar.Report(10);
        Assert.Equal("", output.ToString());
        now = TimeSpan.FromSeconds(1.2);
        bar.Report(500);
        now = TimeSpan.FromSeconds(1.25);
        bar.Report(600);
        now = TimeSpan.FromSeconds(1.4);
        bar.Report(700);
        bar.Dispose();

        string[] draws = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, draws.Length);
        Assert.Contains("500/1,000", draws[0], StringComparison.Ordinal);
        Assert.Contains("700/1,000", draws[1], StringComparison.Ordinal);
        Assert.Contains("1,000/1,000", draws[2], StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ShortRun_DrawsNothing()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(1_000, output, () => TimeSpan.FromSeconds(0.5));

        bar.Report(1_000);
        bar.Dispose();

        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Fit_StderrNotATerminal_DrawsNoBarButReportsTheRun()
    {
        using var dir = new TempFolder();
        (FitBatch batch, _) = SyntheticData.Decay(200_000, seed: 9);
        NpyFile.Write(dir.File("y.npy"), batch.Y, [200_000, 32]);
        NpyFile.Write(dir.File("t.npy"), batch.Variables, [32]);

        GpulmProcess.Outcome run = GpulmProcess.Run(
            "fit", "--model", "exp_decay", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--threads", "1", "--accelerator", "cpu", "--out", dir.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("[#", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("200,000 rows in", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("fits/s", run.Stderr, StringComparison.Ordinal);
    }
}

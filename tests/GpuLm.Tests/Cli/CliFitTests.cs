using System.Text.Json;
using GpuLm.Cli.Npy;
using GpuLm.Host;
using GpuLm.Tests.Batch;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>gpulm fit, run as a process on files in a temporary folder.</summary>
public sealed class CliFitTests
{
    private const int M = 32;

    /// <summary>Writes a decay batch as y.npy (leading + (m)) and t.npy (m), and returns the library's fit of it.</summary>
    private static (FitBatch Batch, FitResult Expected) WriteDecay(TempFolder dir, long[] leading, int seed, FitOptions? options = null)
    {
        int rows = (int)leading.Aggregate(1L, (a, b) => a * b);
        (FitBatch batch, _) = SyntheticData.Decay(rows, seed);
        NpyFile.Write(dir.File("y.npy"), batch.Y, [.. leading, M]);
        NpyFile.Write(dir.File("t.npy"), batch.Variables, [M]);
        var shared = new FitBatch(batch.Model, rows, M, batch.Y, batch.Variables, [100.0, 2.0, 7.0]);
        FitResult expected = Accelerators.Cpu(2).Fit(shared, options);
        return (shared, expected);
    }

    private static string[] FitArgs(TempFolder dir, params string[] extra) =>
        ["fit", "--model", "exp_decay", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--out", dir.File("out"), "--quiet", .. extra];

    private static double[] ReadDoubles(TempFolder dir, string name, out long[] shape) =>
        NpyFile.ReadDoubles(Path.Combine(dir.Path, "out", name), out shape);

    private static int[] ReadInts(TempFolder dir, string name, out long[] shape) =>
        NpyFile.ReadInt32(Path.Combine(dir.Path, "out", name), out shape);

    [Fact]
    public void Fit_RowsArray_WritesLeastSqOutputsEqualToTheLibraryBitForBit()
    {
        using var dir = new TempFolder();
        (_, FitResult expected) = WriteDecay(dir, [50], seed: 1);

        GpulmProcess.Outcome run = GpulmProcess.Run(FitArgs(dir));

        Assert.True(run.ExitCode == 0, run.ToString());
        double[] x = ReadDoubles(dir, "x.npy", out long[] xShape);
        Assert.Equal([50L, 3L], xShape);
        Assert.Equal(expected.X.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Ier, ReadInts(dir, "ier.npy", out long[] ierShape));
        Assert.Equal([50L], ierShape);
        Assert.Equal(expected.Nfev, ReadInts(dir, "nfev.npy", out _));
        Assert.Equal(expected.Njev, ReadInts(dir, "njev.npy", out _));
        Assert.Equal(expected.Fnorm, ReadDoubles(dir, "fnorm.npy", out long[] fnormShape));
        Assert.Equal([50L], fnormShape);
        Assert.Equal(NpyDtype.Int32, NpyFile.ReadHeader(Path.Combine(dir.Path, "out", "ier.npy")).Dtype);
        Assert.Equal(NpyDtype.Float64, NpyFile.ReadHeader(Path.Combine(dir.Path, "out", "x.npy")).Dtype);
    }

    [Fact]
    public void Fit_ImageStack_KeepsTheMapLayoutInEveryOutput()
    {
        using var dir = new TempFolder();
        (_, FitResult expected) = WriteDecay(dir, [4, 5], seed: 2, new FitOptions { Outputs = FitOutputs.All });

        GpulmProcess.Outcome run = GpulmProcess.Run(FitArgs(dir, "--full-output"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected.X, ReadDoubles(dir, "x.npy", out long[] x));
        Assert.Equal([4L, 5L, 3L], x);
        ReadInts(dir, "ier.npy", out long[] ier);
        Assert.Equal([4L, 5L], ier);
        Assert.Equal(expected.Fvec, ReadDoubles(dir, "fvec.npy", out long[] fvec));
        Assert.Equal([4L, 5L, M], fvec);
        Assert.Equal(expected.Fjac, ReadDoubles(dir, "fjac.npy", out long[] fjac));
        Assert.Equal([4L, 5L, 3L, M], fjac);
        Assert.Equal(expected.Ipvt, ReadInts(dir, "ipvt.npy", out long[] ipvt));
        Assert.Equal([4L, 5L, 3L], ipvt);
        Assert.Equal(expected.Qtf, ReadDoubles(dir, "qtf.npy", out long[] qtf));
        Assert.Equal([4L, 5L, 3L], qtf);
        Assert.Equal(expected.CovX, ReadDoubles(dir, "cov_x.npy", out long[] cov));
        Assert.Equal([4L, 5L, 3L, 3L], cov);
    }

    [Fact]
    public void Fit_Chunked_EqualsUnchunkedByteForByte()
    {
        using var dir = new TempFolder();
        WriteDecay(dir, [3, 11], seed: 3);
        GpulmProcess.Outcome whole = GpulmProcess.Run(FitArgs(dir, "--full-output"));
        Directory.Move(dir.File("out"), dir.File("whole"));

        GpulmProcess.Outcome chunked = GpulmProcess.Run(FitArgs(dir, "--full-output", "--chunk", "7"));

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(chunked.ExitCode == 0, chunked.ToString());
        foreach (string name in new[] { "x.npy", "ier.npy", "nfev.npy", "njev.npy", "fnorm.npy", "fvec.npy", "fjac.npy", "ipvt.npy", "qtf.npy", "cov_x.npy" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "whole", name)), File.ReadAllBytes(Path.Combine(dir.Path, "out", name)));
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out", "summary.json")));
        Assert.Equal(7, summary.RootElement.GetProperty("options").GetProperty("chunk_rows").GetInt32());
    }

    [Fact]
    public void Fit_ExpressionWithPerRowInputs_EqualsTheLibrary()
    {
        using var dir = new TempFolder();
        const int rows = 12;
        (FitBatch batch, _) = SyntheticData.Decay(rows, seed: 4);
        var rng = new Random(4);
        double[] weights = Enumerable.Range(0, rows * M).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        double[] tRows = Enumerable.Range(0, rows).SelectMany(_ => batch.Variables).ToArray();
        double[] p0 = Enumerable.Range(0, rows).SelectMany(r => new[] { 90.0 + r, 2.0, 6.0 }).ToArray();
        NpyFile.Write(dir.File("y.npy"), batch.Y, [rows, M]);
        NpyFile.Write(dir.File("t.npy"), tRows, [rows, M]);
        NpyFile.Write(dir.File("w.npy"), weights, [rows, M]);
        NpyFile.Write(dir.File("p0.npy"), p0, [rows, 3]);
        GpuLm.Models.Model model = GpuLm.Models.Model.Parse("amp*exp(-s/life) + base", ["amp", "life", "base"], ["s"]);
        var options = new FitOptions
        {
            Jacobian = JacobianMode.FiniteDifferences,
            LeastSq = new LeastSqOptions { Ftol = 1e-10, Xtol = 1e-9, MaxFev = 500, Epsfcn = 1e-12, Factor = 10 },
        };
        FitResult expected = Accelerators.Cpu(1).Fit(new FitBatch(model, rows, M, batch.Y, tRows, p0, weights), options);

        GpulmProcess.Outcome run = GpulmProcess.Run(
            "fit", "--model", "amp*exp(-s/life) + base", "--params", "amp,life,base", "--vars", "s",
            "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--weights", dir.File("w.npy"), "--p0", dir.File("p0.npy"),
            "--jacobian", "numeric", "--ftol", "1e-10", "--xtol", "1e-9", "--maxfev", "500", "--epsfcn", "1e-12",
            "--factor", "10", "--threads", "1", "--accelerator", "cpu", "--out", dir.File("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected.X, ReadDoubles(dir, "x.npy", out _));
        Assert.Equal(expected.Nfev, ReadInts(dir, "nfev.npy", out _));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out", "summary.json")));
        JsonElement o = summary.RootElement.GetProperty("options");
        Assert.Equal("numeric", o.GetProperty("jacobian").GetString());
        Assert.Equal(1e-10, o.GetProperty("ftol").GetDouble());
        Assert.Equal(500, o.GetProperty("maxfev").GetInt32());
        Assert.Equal(10, o.GetProperty("factor").GetDouble());
        Assert.Equal("cpu", summary.RootElement.GetProperty("accelerator").GetString());
        Assert.Contains("1 threads", summary.RootElement.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.Equal(["amp", "life", "base"], summary.RootElement.GetProperty("parameters").EnumerateArray().Select(e => e.GetString()));
        int counted = summary.RootElement.GetProperty("ier_counts").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32());
        Assert.Equal(rows, counted);
        Assert.True(summary.RootElement.GetProperty("fits_per_second").GetDouble() > 0);
    }

    [Fact]
    public void Fit_CsvInAndOut_WritesOneRowPerProblem()
    {
        using var dir = new TempFolder();
        const int rows = 5;
        (FitBatch batch, _) = SyntheticData.Decay(rows, seed: 5);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        File.WriteAllLines(dir.File("y.csv"), Enumerable.Range(0, rows).Select(
            r => string.Join(",", batch.Y.Skip(r * M).Take(M).Select(v => v.ToString("R", culture)))));
        File.WriteAllLines(dir.File("t.csv"), ["t" + string.Concat(Enumerable.Repeat(",t", M - 1)),
            string.Join(",", batch.Variables.Select(v => v.ToString("R", culture)))]);
        FitResult expected = Accelerators.Cpu(1).Fit(new FitBatch(batch.Model, rows, M, batch.Y, batch.Variables, [100.0, 2.0, 7.0]));

        GpulmProcess.Outcome run = GpulmProcess.Run(
            "fit", "--model", "exp_decay", "--format", "csv", "--out-format", "csv", "--y", dir.File("y.csv"),
            "--x", dir.File("t.csv"), "--p0", "100,2,7", "--out", dir.File("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(dir.Path, "out", "results.csv"));
        Assert.Equal("row,a,tau,b,ier,nfev,njev,fnorm", lines[0]);
        Assert.Equal(rows + 1, lines.Length);
        string[] cells = lines[3].Split(',');
        Assert.Equal("2", cells[0]);
        Assert.Equal(expected.X[2 * 3 + 1], double.Parse(cells[2], culture));
        Assert.Equal(expected.Ier[2], int.Parse(cells[4], culture));
    }

    [Fact]
    public void Fit_Maps_WritesOnePngPerParameterAndOneForIer()
    {
        using var dir = new TempFolder();
        WriteDecay(dir, [6, 8], seed: 6);

        GpulmProcess.Outcome run = GpulmProcess.Run(FitArgs(dir, "--maps"));

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string name in new[] { "map_a.png", "map_tau.png", "map_b.png", "map_ier.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(dir.Path, "out", name));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal(2, png[25]);
        }
    }

    [Fact]
    public void Fit_OpenCLAccelerator_RunsOnTheDeviceWithTheRequestedPrecision()
    {
        using var dir = new TempFolder();
        (FitBatch batch, _) = SyntheticData.Decay(20, seed: 8);
        NpyFile.Write(dir.File("y.npy"), batch.Y, [20, M]);
        NpyFile.Write(dir.File("t.npy"), batch.Variables, [M]);
        var model = GpuLm.Models.Model.Parse("a/(1 + t/tau) + b");
        FitResult expected = Accelerators.Cpu(1).Fit(new FitBatch(model, 20, M, batch.Y, batch.Variables, [100.0, 2.0, 7.0]));

        GpulmProcess.Outcome dbl = GpulmProcess.Run(
            "fit", "--model", "a/(1 + t/tau) + b", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--accelerator", "opencl", "--out", dir.File("double"), "--quiet");
        GpulmProcess.Outcome sgl = GpulmProcess.Run(
            "fit", "--model", "a/(1 + t/tau) + b", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--accelerator", "opencl", "--precision", "single", "--ftol", "1e-6", "--xtol", "1e-6", "--out", dir.File("single"), "--quiet");
        GpulmProcess.Outcome packed = GpulmProcess.Run(
            "fit", "--model", "a/(1 + t/tau) + b", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--accelerator", "opencl", "--team", "1", "--per-group", "8", "--out", dir.File("packed"), "--quiet");

        if (dbl.ExitCode == 2 && dbl.Stderr.Contains("--accelerator opencl", StringComparison.Ordinal)
            && Environment.GetEnvironmentVariable("GPULM_REQUIRE_OPENCL") != "1")
        {
            return; // no OpenCL platform on this machine, and CI did not ask for one
        }

        Assert.True(dbl.ExitCode == 0, dbl.ToString());
        Assert.True(sgl.ExitCode == 0, sgl.ToString());
        Assert.True(packed.ExitCode == 0, packed.ToString());
        // A rational model uses no libm function, so the device reproduces the CPU exactly,
        // with one problem per work-group or eight.
        Assert.Equal(expected.X, NpyFile.ReadDoubles(Path.Combine(dir.Path, "double", "x.npy"), out _));
        Assert.Equal(expected.X, NpyFile.ReadDoubles(Path.Combine(dir.Path, "packed", "x.npy"), out _));
        double[] single = NpyFile.ReadDoubles(Path.Combine(dir.Path, "single", "x.npy"), out _);
        for (int i = 0; i < single.Length; i++)
        {
            Assert.Equal(expected.X[i], single[i], Math.Abs(expected.X[i]) * 1e-3);
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "single", "summary.json")));
        Assert.Equal("opencl", summary.RootElement.GetProperty("accelerator").GetString());
        Assert.Equal("single", summary.RootElement.GetProperty("options").GetProperty("precision").GetString());
        using JsonDocument packedSummary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "packed", "summary.json")));
        Assert.Contains("8 per group", packedSummary.RootElement.GetProperty("device").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_IlgpuCpuAccelerator_RunsTheDeviceKernelWithTheCpusResults()
    {
        using var dir = new TempFolder();
        (FitBatch batch, _) = SyntheticData.Decay(12, seed: 9);
        NpyFile.Write(dir.File("y.npy"), batch.Y, [12, M]);
        NpyFile.Write(dir.File("t.npy"), batch.Variables, [M]);
        var model = GpuLm.Models.Model.Parse("a/(1 + t/tau) + b");
        FitResult expected = Accelerators.Cpu(1).Fit(new FitBatch(model, 12, M, batch.Y, batch.Variables, [100.0, 2.0, 7.0]));

        GpulmProcess.Outcome run = GpulmProcess.Run(
            "fit", "--model", "a/(1 + t/tau) + b", "--y", dir.File("y.npy"), "--x", dir.File("t.npy"), "--p0", "100,2,7",
            "--accelerator", "ilgpu-cpu", "--team", "4", "--out", dir.File("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected.X, NpyFile.ReadDoubles(Path.Combine(dir.Path, "out", "x.npy"), out _));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out", "summary.json")));
        Assert.Equal("ilgpu-cpu", summary.RootElement.GetProperty("accelerator").GetString());
        Assert.Contains("team 4", summary.RootElement.GetProperty("device").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_Interrupted_WritesFittedRowsAndMarksTheRestNotRun()
    {
        using var dir = new TempFolder();
        const int rows = 400_000;
        (FitBatch batch, _) = SyntheticData.Decay(1_000, seed: 7);
        double[] y = new double[rows * M];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(batch.Y, (r % 1_000) * M, y, r * M, M);
        }

        NpyFile.Write(dir.File("y.npy"), y, [rows, M]);
        NpyFile.Write(dir.File("t.npy"), batch.Variables, [M]);
        using System.Diagnostics.Process process = GpulmProcess.Start(
            null, FitArgs(dir, "--chunk", "20000", "--threads", "1", "--accelerator", "cpu", "--jacobian", "numeric"));
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string ierPath = Path.Combine(dir.Path, "out", "ier.npy");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(ierPath) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        string message = await stderr;
        if (process.ExitCode == 0)
        {
            // The machine fitted every row before the signal arrived: nothing to check.
            return;
        }

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {message}");
        Assert.Contains("interrupted", message, StringComparison.Ordinal);
        int[] ier = ReadInts(dir, "ier.npy", out long[] shape);
        Assert.Equal([(long)rows], shape);
        int notRun = ier.Count(i => i == LeastSqStatus.NotRun);
        Assert.InRange(notRun, 1, rows - 1);
        double[] x = ReadDoubles(dir, "x.npy", out _);
        Assert.All(Enumerable.Range(0, rows).Where(r => ier[r] == LeastSqStatus.NotRun), r => Assert.True(double.IsNaN(x[3 * r])));
        Assert.Contains(ier, i => LeastSqStatus.IsSuccess(i));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out", "summary.json")));
        Assert.True(summary.RootElement.GetProperty("cancelled").GetBoolean());
    }
}

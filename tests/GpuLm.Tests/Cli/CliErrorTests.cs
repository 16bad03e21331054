using GpuLm.Cli.Npy;
using Xunit;

namespace GpuLm.Tests.Cli;

/// <summary>Bad usage and bad input: exit code 2 and a message naming what is wrong, never a stack trace.</summary>
public sealed class CliErrorTests
{
    private static GpulmProcess.Outcome FitWith(TempFolder dir, params string[] args) =>
        GpulmProcess.Run(["fit", "--out", dir.File("out"), "--quiet", .. args]);

    private static void AssertUsageError(GpulmProcess.Outcome run, params string[] fragments)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, run.Stderr, StringComparison.Ordinal);
        }
    }

    private static string WriteY(TempFolder dir, long[] shape)
    {
        string path = dir.File("y.npy");
        NpyFile.Write(path, new double[shape.Aggregate(1L, (a, b) => a * b)], shape);
        return path;
    }

    public static TheoryData<string[], string[]> BadLayouts() => new()
    {
        { ["--team", "3"], ["--team must be a power of two", "it is 3"] },
        { ["--team", "0"], ["--team must be a power of two", "it is 0"] },
        { ["--per-group", "0"], ["--per-group must be at least 1", "it is 0"] },
        { ["--team", "2", "--per-group", "4"], ["--per-group above 1 needs --team 1", "4 and 2"] },
        { ["--accelerator", "cpu", "--team", "4"], ["--team and --per-group are settings of the OpenCL accelerator"] },
    };

    [Theory]
    [MemberData(nameof(BadLayouts))]
    public void Fit_BadTeamOrProblemsPerGroup_NamesTheOptionAndValue(string[] options, string[] fragments)
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, ["--model", "exp_decay", "--y", y, .. options]), fragments);
    }

    [Fact]
    public void Fit_MissingFile_NamesTheOptionAndFile()
    {
        using var dir = new TempFolder();
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", dir.File("nope.npy")), "--y", "nope.npy", "no such file");
    }

    [Fact]
    public void Fit_YOfWrongRank_NamesExpectedAndActualShapes()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [2, 3, 4, 5]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y), "--y", "(B, m) or (H, W, m)", "(2, 3, 4, 5)");
    }

    [Fact]
    public void Fit_XOfWrongShape_NamesTheAcceptedShapes()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        NpyFile.Write(dir.File("x.npy"), new double[9], [9]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--x", dir.File("x.npy")), "--x", "(10,)", "(4, 10)", "got (9,)");
    }

    [Fact]
    public void Fit_P0OfWrongLength_NamesTheParameters()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--p0", "1,2"), "--p0", "n = 3", "a, tau, b", "got (2,)");
    }

    [Fact]
    public void Fit_P0NotANumber_SaysWhichEntry()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--p0", "1,x,3"), "--p0", "'x'", "entry 2");
    }

    [Fact]
    public void Fit_WeightsOfWrongShape_NamesBothShapes()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        NpyFile.Write(dir.File("w.npy"), new double[40], [10, 4]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--weights", dir.File("w.npy")), "--weights", "(4, 10)", "(10, 4)");
    }

    [Fact]
    public void Fit_FewerPointsThanParameters_SaysMAndN()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 2]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y), "m=2", "n=3");
    }

    [Fact]
    public void Fit_UnknownModelName_ListsTheCatalogue()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "expdecay", "--y", y), "--model", "'expdecay' is not a catalogue model", "exp_decay", "gauss2d");
    }

    [Fact]
    public void Fit_ExpressionSyntaxError_GivesColumnAndToken()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "a*exp(-t/tau", "--y", y), "--model", "expected ')' at column 13 in \"a*exp(-t/tau\"");
    }

    [Fact]
    public void Fit_MalformedNpy_SaysWhatIsWrong()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("y.npy"), "not an array at all"u8.ToArray());
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", dir.File("y.npy")), "--y", "y.npy");
    }

    [Fact]
    public void Fit_TruncatedNpy_SaysExpectedAndActualSize()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        byte[] bytes = File.ReadAllBytes(y);
        File.WriteAllBytes(y, bytes[..^16]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y), "--y", "y.npy");
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (4, 10), }", "Fortran")]
    [InlineData("{'descr': '>f8', 'fortran_order': False, 'shape': (4, 10), }", "big-endian")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (4, 10), }", "|O")]
    public void Fit_UnsupportedLayouts_EachGetTheirOwnMessage(string header, string fragment)
    {
        using var dir = new TempFolder();
        string padded = header.PadRight(118) + "\n";
        byte[] bytes = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8),
            .. System.Text.Encoding.ASCII.GetBytes(padded), .. new byte[320]];
        File.WriteAllBytes(dir.File("y.npy"), bytes);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", dir.File("y.npy")), "--y", fragment);
    }

    [Fact]
    public void Fit_UnknownOption_IsUsageError()
    {
        using var dir = new TempFolder();
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", "y.npy", "--bogus"), "--bogus");
    }

    [Fact]
    public void Fit_BadChoice_IsUsageError()
    {
        using var dir = new TempFolder();
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", "y.npy", "--jacobian", "symbolic"), "symbolic");
    }

    [Fact]
    public void Fit_MapsOfARowsArray_SaysAnImageStackIsNeeded()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--maps"), "--maps", "(H, W, m)");
    }

    [Fact]
    public void Fit_NegativeMaxfev_NamesTheOption()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--maxfev", "-3"), "MaxFev", "-3");
    }

    [Fact]
    public void Fit_UnavailableAccelerator_SaysWhy()
    {
        using var dir = new TempFolder();
        string y = WriteY(dir, [4, 10]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--y", y, "--accelerator", "cuda"), "--accelerator cuda");
    }

    [Fact]
    public void Fit_RaggedCsv_SaysWhichLine()
    {
        using var dir = new TempFolder();
        File.WriteAllLines(dir.File("y.csv"), ["1,2,3,4", "1,2,3"]);
        AssertUsageError(FitWith(dir, "--model", "exp_decay", "--format", "csv", "--y", dir.File("y.csv")), "line 2", "3 columns");
    }
}

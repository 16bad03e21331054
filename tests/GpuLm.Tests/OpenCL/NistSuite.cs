using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GpuLm.Models;
using GpuLm.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The 27 NIST StRD nonlinear problems on OpenCL in double precision (team size 1) against the
/// CPU accelerator, run by run: the expression models of <see cref="NistExpressionTests"/>, one
/// two-row batch per dataset (both certified starts), analytic and finite-difference Jacobians,
/// at ftol = xtol = 1e-15 and at leastsq's defaults — 216 runs, each fitted on the same
/// <see cref="FitBatch"/> by both accelerators.
/// </summary>
/// <remarks>
/// <para>The issue asked for the same ier on every run the CPU solves to LRE ≥ 6 on every
/// parameter; measured, all 160 of those runs agree (and the ier agrees on all 216). The device's
/// double exp, pow and atan are glibc's bit for bit (<see cref="OpenCLExpTests"/>,
/// <see cref="OpenCLPowTests"/>, <see cref="OpenCLAtanTests"/>), so the 26 models that call no
/// libm function but exp, pow and atan are bit-identical to the CPU where Math.Exp, Math.Pow and
/// Math.Atan are glibc's FMA build (<see cref="HostExp"/>), on every run but the analytic ones of
/// a power whose exponent holds a parameter (Rat43, Bennett5), whose derivative calls log. The
/// other, ENSO, calls sin and cos, which are PoCL's and differ from glibc's by an ulp or two at a
/// few percent of the points; it keeps its ier on every run. docs/accuracy.md lists every run
/// that differs.</para>
/// <para>Asserted, on every run the CPU solves to LRE ≥ 6: the device's ier equals the CPU's; its
/// x is within 1e-5 relative of the CPU's; its min LRE is ≥ 6, or ≥ 5.5 with finite differences
/// (ENSO start 1 at 1e-15 reaches 5.94). On the models that call no libm function (MGH09, Kirby2,
/// Hahn1, Thurber), and on a glibc FMA host those that call only exp, pow and atan (but for the
/// analytic runs whose derivative calls log), every run is bit-identical. The model values at
/// both starts and the certified values agree within 1e-13 relative, exactly on those models. A
/// fact writes the run-by-run table and the counts that agree in ier, nfev and x (1e-10
/// relative) to the test output (and to the file named by
/// <c>GPULM_ACCURACY_TABLE_OPENCL_NIST</c>).</para>
/// </remarks>
public abstract class NistSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    /// <summary>A "good double-precision solver" reaches this many digits on every parameter.</summary>
    private const double GoodLre = 6.0;

    private const double TightTolerance = 1e-15;

    /// <summary>The largest relative difference in x measured on a run the CPU solves to LRE ≥ 6
    /// (4.2e-7, ENSO start 1, finite differences, 1e-15; 2.0e-6 on Nelson start 2 at the defaults
    /// with PoCL's exp, before the device had glibc's), with headroom.</summary>
    private const double MaxRelDxWhereCpuGood = 1e-5;

    /// <summary>Where the CPU reaches LRE ≥ 6 with finite differences, the device reaches at least
    /// this (measured: 5.94 on ENSO start 1 at 1e-15; 6 or more on every other run; with PoCL's
    /// exp, before the device had glibc's, also 5.55 on Nelson start 2 at the defaults).</summary>
    private const double FdDeviceLreFloor = 5.5;

    private const string TableVariable = "GPULM_ACCURACY_TABLE_OPENCL_NIST";

    private static readonly string[] StartNames = ["start1", "start2"];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Run>>> s_runs = new(StringComparer.Ordinal);

    /// <summary>The 27 dataset names.</summary>
    public static TheoryData<string> Datasets() => [.. NistStrd.All().Select(d => d.Name)];

    [OpenCLTheory]
    [MemberData(nameof(Datasets))]
    public void Fit_NistDataset_AgreesWithCpuWhereCpuReachesLre6(string dataset)
    {
        NistDataset data = NistStrd.Get(dataset);
        IReadOnlyList<Run> runs = RunsFor(data);
        foreach (Run run in runs)
        {
            output.WriteLine(run.ToString());
        }

        string expression = RightSide(data.ModelText);
        if (ExactOnDevice(expression))
        {
            // No libm call on the device but glibc's exp, pow and atan: the same computation as the
            // CPU's, bit for bit. A power whose exponent holds a parameter has log in its derivative:
            // there only the finite-difference runs, which evaluate the model alone, are.
            bool jacobianCallsLog = PowHasNonLiteralExponent(expression);
            List<Run> exact = [.. runs.Where(r => !jacobianCallsLog || r.Mode == JacobianMode.FiniteDifferences)];
            Assert.All(exact, run => Assert.True(run.Identical, $"{run}: not bit-identical on a model whose libm calls are exp, pow and atan at most"));
            if (exact.Count == runs.Count)
            {
                return;
            }
        }

        foreach (Run run in runs.Where(r => r.CpuLre >= GoodLre))
        {
            Assert.True(run.SameIer, $"{run}: ier differs");
            Assert.True(run.MaxRelDx <= MaxRelDxWhereCpuGood, $"{run}: x differs by more than {MaxRelDxWhereCpuGood:0e+0}");
            Assert.True(
                run.DeviceLre >= GoodLre || (run.Mode == JacobianMode.FiniteDifferences && run.DeviceLre >= FdDeviceLreFloor),
                $"{run}: device LRE below {GoodLre}");
        }
    }

    [OpenCLTheory]
    [MemberData(nameof(Datasets))]
    public void Evaluate_AtStartsAndCertifiedValues_DiffersOnlyWhereLibmIsCalled(string dataset)
    {
        NistDataset data = NistStrd.Get(dataset);
        string expression = RightSide(data.ModelText);
        (int differing, int points, long worstUlps, double worstRel) = CompareValues(data);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{dataset} ({expression}): model values differ at {differing} of {points} points, worst {worstUlps} ulp ({worstRel:0.0e+0} relative)"));
        if (ExactOnDevice(expression))
        {
            Assert.Equal(0, differing);
        }
        else
        {
            Assert.True(worstRel <= 1e-13, $"worst relative difference {worstRel:0.0e+0}");
        }
    }

    [OpenCLFact]
    public void Fit_All216Runs_WritesAgreementTable()
    {
        List<Run> runs = [.. NistStrd.All().SelectMany(RunsFor)];
        string table = Table(runs);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable(TableVariable) is { Length: > 0 } target)
        {
            File.WriteAllText(target, table);
            output.WriteLine($"Wrote {target}");
        }

        Assert.Equal(216, runs.Count);
    }

    /// <summary>Whether the expression calls a libm function that the device does not compute as
    /// glibc does: any but exp, pow and atan (log, sin, cos, tan, their hyperbolic forms, atan2,
    /// erf, erfc).</summary>
    private static bool CallsLibmBesidesExpPowAndAtan(string expression) =>
        Regex.IsMatch(expression, @"\b(log|sin|cos|tan|sinh|cosh|tanh|atan2|erf|erfc)\s*\(");

    /// <summary>Whether the expression calls atan.</summary>
    private static bool CallsAtan(string expression) =>
        Regex.IsMatch(expression, @"\batan\s*\(");

    /// <summary>Whether the expression calls pow (** with anything but the literal 2, 3 or 4,
    /// which are multiplications).</summary>
    private static bool CallsPow(string expression) =>
        Regex.IsMatch(expression, @"\*\*(?![234](?![0-9.]))");

    /// <summary>Whether a power's exponent is anything but a number (<c>x**b2</c>, <c>**(1/b4)</c>):
    /// then the analytic Jacobian calls log.</summary>
    private static bool PowHasNonLiteralExponent(string expression) =>
        Regex.Matches(expression, @"\*\*").Count > Regex.Matches(expression, @"\*\*\s*(\(\s*-?[0-9.]+\s*\)|-?[0-9.]+)(?![0-9.])").Count;

    /// <summary>Whether the device computes the expression as the CPU does, bit for bit: it calls
    /// no libm function, or only exp, pow and atan where Math.Exp, Math.Pow and Math.Atan are
    /// glibc's FMA build (the device's exp, pow and atan).</summary>
    private static bool ExactOnDevice(string expression) =>
        !CallsLibmBesidesExpPowAndAtan(expression)
        && (HostExp.IsGlibcFma || (!expression.Contains("exp", StringComparison.Ordinal) && !CallsPow(expression) && !CallsAtan(expression)));

    /// <summary>The model's values, f − 0, at both starts and the certified values on both
    /// accelerators: y = 0 and gtol = 1e300 end each row after its first evaluation (ier 4) with
    /// x = x0 and fvec = f(x0).</summary>
    private (int Differing, int Points, long WorstUlps, double WorstRel) CompareValues(NistDataset data)
    {
        Model model = Model.Parse(RightSide(data.ModelText), data.ParameterNames, [.. data.Columns.Skip(1)]);
        int m = data.NObs;
        var batch = new FitBatch(model, 3, m, y: new double[3 * m], variables: Variables(data), x0: [.. data.Start1, .. data.Start2, .. data.Certified]);
        var options = new FitOptions { LeastSq = new LeastSqOptions { Gtol = 1e300 }, Outputs = FitOutputs.Fvec };
        FitResult cpu = fixture.Cpu.Fit(batch, options);
        FitResult device = fixture.Team(1).Fit(batch, options);
        Assert.All(cpu.Ier, ier => Assert.Equal(LeastSqStatus.GtolReached, ier));
        Assert.Equal(cpu.Ier, device.Ier);
        Assert.Equal(cpu.X, device.X);
        int differing = 0;
        long worstUlps = 0;
        double worstRel = 0;
        for (int i = 0; i < 3 * m; i++)
        {
            double a = cpu.Fvec![i];
            double b = device.Fvec![i];
            if (BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b))
            {
                continue;
            }

            differing++;
            worstUlps = Math.Max(worstUlps, Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b)));
            worstRel = Math.Max(worstRel, Math.Abs(a - b) / Math.Abs(a));
        }

        return (differing, 3 * m, worstUlps, worstRel);
    }

    private IReadOnlyList<Run> RunsFor(NistDataset data) =>
        s_runs.GetOrAdd(data.Name, _ => new Lazy<IReadOnlyList<Run>>(() => FitDataset(data))).Value;

    /// <summary>Both starts as two rows, each Jacobian mode and tolerance on both accelerators.</summary>
    private List<Run> FitDataset(NistDataset data)
    {
        Model model = Model.Parse(RightSide(data.ModelText), data.ParameterNames, [.. data.Columns.Skip(1)]);
        double[] lhs = data.LeftSide;
        var batch = new FitBatch(model, StartNames.Length, data.NObs, y: [.. lhs, .. lhs], variables: Variables(data), x0: [.. data.Start1, .. data.Start2]);
        var runs = new List<Run>();
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            foreach (bool tight in new[] { true, false })
            {
                var options = new FitOptions
                {
                    Jacobian = mode,
                    LeastSq = tight ? new LeastSqOptions { Ftol = TightTolerance, Xtol = TightTolerance } : LeastSqOptions.Default,
                };
                FitResult cpu = fixture.Cpu.Fit(batch, options);
                FitResult device = fixture.Team(1).Fit(batch, options);
                for (int row = 0; row < StartNames.Length; row++)
                {
                    runs.Add(new Run(data, StartNames[row], mode, tight, cpu.Row(row), device.Row(row)));
                }
            }
        }

        return runs;
    }

    /// <summary>The NIST formula's right side in the model grammar (as <see cref="NistExpressionTests"/>
    /// translates it): after <c>=</c>, without <c>+ e</c>, brackets to parentheses, arctan to atan.</summary>
    private static string RightSide(string modelText)
    {
        string right = modelText.Split('=')[1].TrimEnd();
        Assert.EndsWith("e", right, StringComparison.Ordinal);
        right = right[..^1].TrimEnd();
        Assert.EndsWith("+", right, StringComparison.Ordinal);
        return right[..^1].Replace('[', '(').Replace(']', ')').Replace("arctan", "atan", StringComparison.Ordinal).Trim();
    }

    /// <summary>The predictors m×d, point by point (Nelson: x1, x2 interleaved).</summary>
    private static double[] Variables(NistDataset data)
    {
        double[] x = data.X;
        if (data.X2 is not { } x2)
        {
            return x;
        }

        var v = new double[2 * x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            v[2 * i] = x[i];
            v[(2 * i) + 1] = x2[i];
        }

        return v;
    }

    private static string Table(List<Run> runs)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| dataset | start | Jacobian | tolerance | ier CPU/device | nfev CPU/device | min LRE CPU/device | max rel Δx |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (Run r in runs.Where(r => !r.SameIer || !r.SameNfev || r.MaxRelDx > 1e-10))
        {
            sb.AppendLine(ci, $"| {r.Data.Name} | {r.Start} | {Mode(r.Mode)} | {Tol(r.Tight)} | {r.Cpu.Ier}/{r.Device.Ier} | {r.Cpu.Nfev}/{r.Device.Nfev} | {r.CpuLre:F2}/{r.DeviceLre:F2} | {r.MaxRelDx:0.0e+0} |");
        }

        sb.AppendLine();
        sb.AppendLine("| Jacobian | tolerance | runs | CPU LRE ≥ 6 | device LRE ≥ 6 | same ier | same ier where CPU LRE ≥ 6 | same nfev | x within 1e-10 | x bit-identical |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var groups = runs.GroupBy(r => (r.Mode, r.Tight)).Select(g => (Label: $"{Mode(g.Key.Mode)} | {Tol(g.Key.Tight)}", Runs: g.ToList())).ToList();
        groups.Add(("all | both", runs));
        foreach ((string label, List<Run> g) in groups)
        {
            List<Run> good = [.. g.Where(r => r.CpuLre >= GoodLre)];
            sb.AppendLine(ci,
                $"| {label} | {g.Count} | {good.Count} | {g.Count(r => r.DeviceLre >= GoodLre)} | {g.Count(r => r.SameIer)} "
                + $"| {good.Count(r => r.SameIer)}/{good.Count} | {g.Count(r => r.SameNfev)} | {g.Count(r => r.MaxRelDx <= 1e-10)} | {g.Count(r => r.Identical)} |");
        }

        return sb.ToString();
    }

    private static string Mode(JacobianMode mode) => mode == JacobianMode.Analytic ? "analytic" : "FD";

    private static string Tol(bool tight) => tight ? "1e-15" : "default";

    /// <summary>One (dataset, start, Jacobian, tolerance) run on both accelerators.</summary>
    private sealed record Run(NistDataset Data, string Start, JacobianMode Mode, bool Tight, FitResultRow Cpu, FitResultRow Device)
    {
        public double CpuLre => MinLre(Cpu.X, Data.Certified);

        public double DeviceLre => MinLre(Device.X, Data.Certified);

        public bool SameIer => Cpu.Ier == Device.Ier;

        public bool SameNfev => Cpu.Nfev == Device.Nfev;

        /// <summary>max_j |x_dev − x_cpu| / |x_cpu| (absolute where x_cpu is 0; ∞ where one is NaN).</summary>
        public double MaxRelDx => Cpu.X.Zip(Device.X).Max(p =>
            p.First == p.Second ? 0.0
            : double.IsNaN(p.First) || double.IsNaN(p.Second) ? double.PositiveInfinity
            : Math.Abs(p.First - p.Second) / (p.First == 0 ? 1.0 : Math.Abs(p.First)));

        public bool Identical => SameIer && SameNfev && Cpu.X.Zip(Device.X).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Data.Name} {Start} {OpenCLNistTests.Mode(Mode)} {Tol(Tight)}: ier {Cpu.Ier}/{Device.Ier}, nfev {Cpu.Nfev}/{Device.Nfev}, "
            + $"min LRE {CpuLre:F2}/{DeviceLre:F2}, max rel Δx {MaxRelDx:0.0e+0} (CPU/device)");

        private static double MinLre(double[] x, double[] certified) => x.Select((v, j) => NistStrd.Lre(v, certified[j])).Min();
    }
}

/// <summary><see cref="NistSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLNistTests(OpenCLFixture fixture, ITestOutputHelper output) : NistSuite(fixture, output), IClassFixture<OpenCLFixture>;

using System.Globalization;
using System.Text;
using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Models;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.Reference;

/// <summary>
/// The 27 NIST StRD nonlinear problems as expression models: each NIST formula translated
/// mechanically into the <see cref="Model.Parse"/> grammar, fitted through a
/// <see cref="FitBatch"/> (both certified starts as two rows) on the CPU accelerator at
/// ftol = xtol = 1e-15, once with the model's analytic Jacobian (lmder) and once with forward
/// differences (lmdif).
/// </summary>
/// <remarks>
/// <para>Asserted: every formula parses, over b1…bp and its predictor columns, and evaluates to
/// the hand-transcribed residuals of <see cref="NistDataset.Residuals"/> (bit for bit unless it
/// has a power 2, 3 or 4); and on "the 46", the pairs where scipy's lmdif at 1e-15 reaches
/// LRE ≥ 6 on every parameter (derived as <see cref="NistStrdTests"/> derives them), both Jacobian
/// modes reach LRE ≥ 6 on every parameter too. A fact writes the analytic-versus-finite-difference
/// table of docs/accuracy.md.</para>
/// <para>The finite-difference batch is lmdif, but it is not asserted to return scipy's x bit for
/// bit: the expression model computes u**2 and u**3 by multiplication where Python calls C pow
/// (Gauss1, Gauss3, Eckerle4, Hahn1, Thurber), and the batch's residual is f − y where the NIST
/// transcription's is y − f, which changes MINPACK's rounding where qrfac meets a pivot that is
/// exactly zero (MGH17, whose first observation is at x = 0; Eckerle4 from Start 1, whose model
/// values vanish beside y at the first observations). The table counts the pairs that still match
/// scipy bit for bit.</para>
/// </remarks>
public sealed class NistExpressionTests
{
    private const double TightTolerance = 1e-15;

    /// <summary>A "good double-precision solver" reaches this many digits on every parameter.</summary>
    private const double GoodLre = 6.0;

    /// <summary>A difference in min LRE smaller than this is reported as no difference (the slack
    /// <see cref="NistStrdTests"/> allows between GpuLm and scipy).</summary>
    private const double LreSlack = 0.3;

    /// <summary>
    /// How far the translated model's residuals may stray from the hand-transcribed ones, relative
    /// to the larger of |left side| and |model| at the point.
    /// </summary>
    /// <remarks>
    /// The two evaluate the same operations in the same order except that the expression model
    /// computes <c>u**2</c>, <c>u**3</c> as repeated multiplication where Python (and
    /// <see cref="NistDataset"/>) call C <c>pow</c>: an ulp or two per term, amplified by
    /// cancellation in Hahn1's and Thurber's rational polynomials to at most 1.6e-14 at the
    /// points checked. A wrong translation (a lost sign, a misplaced parenthesis) is off by O(1).
    /// </remarks>
    private const double TranslationTolerance = 1e-12;

    /// <summary>See <see cref="NistStrdTests"/>: Lanczos1's certified RSS (1.4e-25) is below what
    /// double precision can evaluate, so its standard deviations are scaled by the certified RSS.</summary>
    private const string RssBelowRoundingDataset = "Lanczos1";

    private const string TableVariable = "GPULM_ACCURACY_TABLE_ANALYTIC";

    private static readonly string[] StartNames = ["start1", "start2"];

    private static readonly Lazy<IReadOnlyList<PairFit>> s_fits = new(FitAll, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ITestOutputHelper _output;

    public NistExpressionTests(ITestOutputHelper output) => _output = output;

    /// <summary>The 27 dataset names.</summary>
    public static TheoryData<string> Datasets() => [.. NistStrd.All().Select(d => d.Name)];

    /// <summary>The 46 pairs on which scipy's lmdif at 1e-15 reaches LRE ≥ 6 on every parameter.</summary>
    public static TheoryData<string, string> The46()
    {
        var data = new TheoryData<string, string>();
        foreach (NistDataset d in NistStrd.All())
        {
            foreach (string start in StartNames.Where(s => IsCovered(d.Name, s)))
            {
                data.Add(d.Name, start);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Translate_NistFormula_ParsesAndMatchesHandTranscribedResiduals(string dataset)
    {
        NistDataset data = NistStrd.Get(dataset);
        NistFormula formula = Translate(data.ModelText);
        Assert.Equal(dataset == "Nelson" ? "log(y)" : "y", formula.LeftSide);

        Model model = Parse(data);
        Assert.Equal(data.ParameterNames, model.Parameters);
        Assert.Equal(dataset == "Nelson" ? (string[])["x1", "x2"] : ["x"], model.Variables);

        // Values are evaluated as written, so only u**2, u**3, u**4 (repeated multiplication
        // here, C pow in Python) can move the last bits.
        bool exact = !HasSmallIntegerPower(formula.RightSide);
        CompiledModel compiled = model.Compile();
        double[] lhs = data.LeftSide;
        double[] variables = Variables(data);
        int m = data.NObs;
        var f = new double[m];
        var expected = new double[m];
        foreach (double[] b in new[] { data.Start1, data.Start2, data.Certified })
        {
            compiled.Values(b, variables, 0, m, f);
            data.Residuals(b, expected);
            for (int i = 0; i < m; i++)
            {
                // The batch forms f − y; NistDataset forms y − f.
                double ours = f[i] - lhs[i];
                double scale = Math.Max(Math.Abs(lhs[i]), Math.Abs(f[i]));
                Assert.True(
                    exact ? ours == -expected[i] : Math.Abs(ours + expected[i]) <= TranslationTolerance * scale,
                    $"{formula.RightSide}: point {i}, b = [{string.Join(", ", b)}]: f − y = {ours:R}, hand-transcribed {-expected[i]:R}");
            }
        }
    }

    [Fact]
    public void The46_DerivedFromScipyReference_Are46Pairs() => Assert.Equal(46, The46().Count());

    [Theory]
    [MemberData(nameof(The46))]
    public void Fit_AnalyticJacobianOnThe46_ReachesLre6OnEveryParameter(string dataset, string start)
    {
        PairFit fit = Find(dataset, start);
        AssertGoodLre(fit.Data, fit.Analytic);
    }

    [Theory]
    [MemberData(nameof(The46))]
    public void Fit_FiniteDifferencesThroughTheBatchOnThe46_ReachesLre6OnEveryParameter(string dataset, string start)
    {
        PairFit fit = Find(dataset, start);
        AssertGoodLre(fit.Data, fit.FiniteDifferences);
    }

    [Fact]
    public void Fit_All54Pairs_WritesAnalyticVersusFiniteDifferenceTable()
    {
        IReadOnlyList<PairFit> fits = s_fits.Value;
        string table = Table(fits);
        _output.WriteLine(table);

        string? target = Environment.GetEnvironmentVariable(TableVariable);
        if (!string.IsNullOrWhiteSpace(target))
        {
            string path = ResolveOutputPath(target);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, table);
            _output.WriteLine($"Wrote {path}");
        }

        Assert.Equal(54, fits.Count);
        Assert.Equal(46, fits.Count(f => f.Covered));
    }

    /// <summary>Asserts LRE ≥ 6 on every parameter; the message says how the fit ended.</summary>
    private static void AssertGoodLre(NistDataset data, FitResultRow row)
    {
        double[] certified = data.Certified;
        for (int j = 0; j < certified.Length; j++)
        {
            double lre = NistStrd.Lre(row.X[j], certified[j]);
            Assert.True(
                lre >= GoodLre,
                $"b{j + 1}: LRE {lre:F2} (x = {row.X[j]:R}, certified {certified[j]:R}); ier {row.Ier}, nfev {row.Nfev}, "
                + $"njev {row.Njev}, x = [{string.Join(", ", row.X.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}], "
                + $"RSS {row.Rss:R} (certified {data.Rss:R})");
        }
    }

    /// <summary>
    /// Translates a NIST formula such as <c>y = b1*(1-exp[-b2*x])  +  e</c> into the model
    /// grammar: split at <c>=</c>, drop the error term <c>+ e</c>, brackets to parentheses,
    /// <c>arctan</c> to <c>atan</c>. <c>**</c> and <c>pi</c> are the grammar's own.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not <c>left = right + e</c>.</exception>
    private static NistFormula Translate(string modelText)
    {
        string[] sides = modelText.Split('=');
        if (sides.Length != 2)
        {
            throw new InvalidDataException($"'{modelText}' is not one equation");
        }

        string right = sides[1].TrimEnd();
        if (!right.EndsWith('e') || !right[..^1].TrimEnd().EndsWith('+'))
        {
            throw new InvalidDataException($"'{modelText}' does not end in the error term '+ e'");
        }

        right = right[..^1].TrimEnd()[..^1];
        return new NistFormula(Rewrite(sides[0]), Rewrite(right));
    }

    /// <summary>Whether the expression raises something to the literal power 2, 3 or 4, which
    /// <see cref="Model"/> evaluates by repeated multiplication rather than C pow.</summary>
    private static bool HasSmallIntegerPower(string expression)
    {
        for (int at = expression.IndexOf("**", StringComparison.Ordinal); at >= 0; at = expression.IndexOf("**", at + 2, StringComparison.Ordinal))
        {
            string exponent = new([.. expression[(at + 2)..].TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]);
            if (exponent is "2" or "3" or "4")
            {
                return true;
            }
        }

        return false;
    }

    private static string Rewrite(string text) =>
        text.Replace('[', '(').Replace(']', ')').Replace("arctan", "atan", StringComparison.Ordinal).Trim();

    /// <summary>The right side of the dataset's formula as a model over b1…bp and its predictor
    /// columns (x, or Nelson's x1, x2).</summary>
    private static Model Parse(NistDataset data) =>
        Model.Parse(Translate(data.ModelText).RightSide, data.ParameterNames, [.. data.Columns.Skip(1)]);

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

    /// <summary>Fits every dataset from both starts (one two-row batch per dataset and Jacobian mode).</summary>
    private static IReadOnlyList<PairFit> FitAll()
    {
        using CpuAccelerator cpu = Accelerators.Cpu();
        var fits = new List<PairFit>();
        foreach (NistDataset data in NistStrd.All())
        {
            Model model = Parse(data);
            FitResult analytic = Fit(cpu, data, model, JacobianMode.Analytic);
            FitResult differences = Fit(cpu, data, model, JacobianMode.FiniteDifferences);
            for (int row = 0; row < StartNames.Length; row++)
            {
                string start = StartNames[row];
                fits.Add(new PairFit(
                    data, start, analytic.Row(row), differences.Row(row),
                    FindScipy(data.Name, start), IsCovered(data.Name, start)));
            }
        }

        return fits;
    }

    private static FitResult Fit(CpuAccelerator cpu, NistDataset data, Model model, JacobianMode mode)
    {
        double[] lhs = data.LeftSide;
        var batch = new FitBatch(
            model, StartNames.Length, data.NObs,
            y: [.. lhs, .. lhs],
            variables: Variables(data),
            x0: [.. data.Start1, .. data.Start2]);
        var options = new FitOptions
        {
            LeastSq = new LeastSqOptions { Ftol = TightTolerance, Xtol = TightTolerance },
            Jacobian = mode,
            Outputs = FitOutputs.CovX | FitOutputs.Fvec,
        };
        return cpu.Fit(batch, options);
    }

    private static PairFit Find(string dataset, string start) =>
        s_fits.Value.Single(f => f.Data.Name == dataset && f.Start == start);

    private static NistReferenceRun FindScipy(string dataset, string start) =>
        NistStrd.ScipyRuns().Single(r => r.Dataset == dataset && r.Start == start && r.Ftol == TightTolerance);

    /// <summary>Whether scipy's 1e-15 run reaches LRE ≥ 6 on every parameter (recomputed from
    /// scipy's x, as <see cref="NistStrdTests"/> does).</summary>
    private static bool IsCovered(string dataset, string start) =>
        MinLre(FindScipy(dataset, start).X, NistStrd.Get(dataset).Certified) >= GoodLre;

    private static double MinLre(double[] x, double[] certified) =>
        x.Select((v, j) => NistStrd.Lre(v, certified[j])).Min();

    /// <summary>sqrt(diag(cov_x) · s²), s² = RSS/(n − p); null where cov_x is None.</summary>
    private static double[]? StdDevs(NistDataset data, FitResultRow row)
    {
        if (row.CovX is not { } cov)
        {
            return null;
        }

        double rss = data.Name == RssBelowRoundingDataset ? data.Rss : row.Rss;
        double s2 = rss / data.Dof;
        return [.. Enumerable.Range(0, data.NParams).Select(j => Math.Sqrt(cov[j, j] * s2))];
    }

    private static string Table(IReadOnlyList<PairFit> fits)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| dataset | start | of the 46 | min LRE analytic | min LRE FD | analytic − FD | ier analytic/FD | nfev analytic/FD | njev analytic/FD | RSS analytic / certified | min LRE of SDs analytic | FD vs scipy lmdif |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (PairFit f in fits)
        {
            double[]? sd = StdDevs(f.Data, f.Analytic);
            string sdLre = sd is null ? "–" : MinLre(sd, f.Data.CertifiedStdDev).ToString("F2", ci);
            sb.Append(ci, $"| {f.Data.Name} | {f.Start} | {(f.Covered ? "yes" : "no")} ");
            sb.Append(ci, $"| {f.AnalyticLre:F2} | {f.DifferencesLre:F2} | {f.AnalyticLre - f.DifferencesLre:+0.00;−0.00;0.00} ");
            sb.Append(ci, $"| {f.Analytic.Ier}/{f.FiniteDifferences.Ier} | {f.Analytic.Nfev}/{f.FiniteDifferences.Nfev} ");
            sb.Append(ci, $"| {f.Analytic.Njev}/{f.FiniteDifferences.Njev} | {f.Analytic.Rss / f.Data.Rss:0.000000} ");
            sb.Append(ci, $"| {sdLre} | {ScipyDifference(f)} |");
            sb.AppendLine();
        }

        int analyticGood = fits.Count(f => f.AnalyticLre >= GoodLre);
        int differencesGood = fits.Count(f => f.DifferencesLre >= GoodLre);
        int better = fits.Count(f => f.AnalyticLre > f.DifferencesLre + LreSlack);
        int worse = fits.Count(f => f.AnalyticLre < f.DifferencesLre - LreSlack);
        int sameAsScipy = fits.Count(f => f.SameAsScipy);
        string gained = string.Join(", ", fits.Where(f => f.AnalyticLre >= GoodLre && f.DifferencesLre < GoodLre).Select(f => $"{f.Data.Name} {f.Start}"));
        string lost = string.Join(", ", fits.Where(f => f.AnalyticLre < GoodLre && f.DifferencesLre >= GoodLre).Select(f => $"{f.Data.Name} {f.Start}"));
        sb.AppendLine();
        sb.AppendLine(ci,
            $"{fits.Count} pairs at ftol = xtol = 1e-15. LRE ≥ 6 on every parameter: analytic {analyticGood}, "
            + $"finite differences {differencesGood}, scipy lmdif {fits.Count(f => f.Covered)} (the 46). "
            + $"Analytic min LRE more than {LreSlack} above FD on {better} pairs, more than {LreSlack} below on {worse}, "
            + $"within {LreSlack} on {fits.Count - better - worse}. "
            + $"Reaching 6 only with analytic Jacobians: {(gained.Length == 0 ? "none" : gained)}; "
            + $"only with finite differences: {(lost.Length == 0 ? "none" : lost)}. "
            + $"FD batch identical to scipy lmdif (ier, nfev, x bit for bit) on {sameAsScipy} of {fits.Count}.");
        return sb.ToString();
    }

    /// <summary>"identical" where the FD batch returns scipy's ier, nfev and x bit for bit;
    /// otherwise what differs.</summary>
    private static string ScipyDifference(PairFit f)
    {
        if (f.SameAsScipy)
        {
            return "identical";
        }

        var parts = new List<string>();
        if (f.FiniteDifferences.Ier != f.Scipy.Ier)
        {
            parts.Add($"ier {f.Scipy.Ier}");
        }

        if (f.FiniteDifferences.Nfev != f.Scipy.Nfev)
        {
            parts.Add($"nfev {f.Scipy.Nfev}");
        }

        double maxRel = f.FiniteDifferences.X.Zip(f.Scipy.X).Max(p => Math.Abs(p.First - p.Second) / Math.Abs(p.Second));
        if (maxRel > 0.0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"x rel {maxRel:0.0e+0}"));
        }

        return "scipy: " + string.Join(", ", parts);
    }

    /// <summary>An absolute path as given; a relative one against the repository root (the folder
    /// that holds GpuLm.sln), since the tests run in the bin folder.</summary>
    private static string ResolveOutputPath(string target)
    {
        if (Path.IsPathRooted(target))
        {
            return target;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GpuLm.sln")))
            {
                return Path.Combine(dir.FullName, target);
            }
        }

        throw new InvalidOperationException(
            $"{TableVariable} is the relative path '{target}', but no ancestor of '{AppContext.BaseDirectory}' holds GpuLm.sln to resolve it against; give an absolute path.");
    }

    /// <summary>A NIST formula in the model grammar: its left side (<c>y</c>, or Nelson's
    /// <c>log(y)</c>) and its right side without the error term.</summary>
    private sealed record NistFormula(string LeftSide, string RightSide);

    /// <summary>One (dataset, start) pair fitted both ways, beside scipy's lmdif run at 1e-15.</summary>
    private sealed record PairFit(
        NistDataset Data, string Start, FitResultRow Analytic, FitResultRow FiniteDifferences,
        NistReferenceRun Scipy, bool Covered)
    {
        public double AnalyticLre => MinLre(Analytic.X, Data.Certified);

        public double DifferencesLre => MinLre(FiniteDifferences.X, Data.Certified);

        public bool SameAsScipy => FiniteDifferences.Ier == Scipy.Ier && FiniteDifferences.Nfev == Scipy.Nfev
            && FiniteDifferences.X.Zip(Scipy.X).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
    }
}

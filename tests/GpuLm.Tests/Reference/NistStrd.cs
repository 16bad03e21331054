using System.Globalization;
using System.Text.Json;

namespace GpuLm.Tests.Reference;

/// <summary>
/// Finds the <c>shared/</c> folder that sits beside (or above) the repository. The tests read the
/// reference data from it at run time; nothing from it is copied into the project.
/// </summary>
/// <remarks>
/// Walks up from <see cref="AppContext.BaseDirectory"/> (the test project's bin folder) and, at
/// each level <c>d</c>, looks for <c>d/shared/nist-strd/certified.json</c>. With the repository at
/// <c>/work/main</c> this finds <c>/work/shared</c>; in CI, a fresh clone with <c>shared/</c>
/// beside it, it finds <c>&lt;clone&gt;/../shared</c>.
/// </remarks>
internal static class SharedData
{
    private const string Marker = "nist-strd/certified.json";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The full path of the <c>shared</c> folder.</summary>
    /// <exception cref="InvalidOperationException">No ancestor of the bin folder has it.</exception>
    public static string Root => s_root.Value;

    /// <summary>The full path of <c>shared/nist-strd</c>.</summary>
    public static string NistStrd => Path.Combine(Root, "nist-strd");

    private static string FindRoot()
    {
        string start = Path.GetFullPath(AppContext.BaseDirectory);
        var looked = new List<string>();
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            string shared = Path.Combine(dir.FullName, "shared");
            string marker = Path.Combine(shared, "nist-strd", "certified.json");
            looked.Add(marker);
            if (File.Exists(marker))
            {
                return shared;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the shared reference data (shared/{Marker}). Walked up from '{start}' and looked for: "
            + string.Join(", ", looked)
            + ". The shared/ folder must sit beside the repository clone or in one of its ancestors.");
    }
}

/// <summary>
/// One NIST StRD nonlinear least-squares problem: the header numbers from
/// <c>shared/nist-strd/certified.json</c> and the data rows from the original <c>.dat</c> file.
/// </summary>
/// <remarks>
/// Array-valued properties return a fresh copy on every access, so a solver that writes into its
/// starting vector cannot corrupt the cached dataset.
/// </remarks>
internal sealed class NistDataset
{
    private readonly double[] _start1;
    private readonly double[] _start2;
    private readonly double[] _certified;
    private readonly double[] _certifiedStdDev;
    private readonly double[] _y;
    private readonly double[] _x;
    private readonly double[]? _x2;
    private readonly double[] _lhs;
    private readonly Model _model;

    /// <summary>The right side of the NIST formula at one observation.</summary>
    /// <param name="b">The parameters b1…bp (b[0] is b1).</param>
    /// <param name="x">The predictor (Nelson: x1).</param>
    /// <param name="x2">Nelson's second predictor; 0 for every other dataset.</param>
    private delegate double Model(ReadOnlySpan<double> b, double x, double x2);

    private NistDataset(JsonElement rec, string directory)
    {
        Name = rec.GetProperty("name").GetString() ?? throw new InvalidDataException("dataset without a name");
        Level = rec.GetProperty("level").GetString() ?? "";
        ModelText = rec.GetProperty("model").GetString() ?? "";
        NParams = rec.GetProperty("n_params").GetInt32();
        NObs = rec.GetProperty("n_obs").GetInt32();
        ParameterNames = [.. rec.GetProperty("parameter_names").EnumerateArray().Select(e => e.GetString() ?? "")];
        Columns = [.. rec.GetProperty("columns").EnumerateArray().Select(e => e.GetString() ?? "")];
        _start1 = Doubles(rec, "start1", NParams);
        _start2 = Doubles(rec, "start2", NParams);
        _certified = Doubles(rec, "certified_values", NParams);
        _certifiedStdDev = Doubles(rec, "certified_std_devs", NParams);
        Rss = rec.GetProperty("residual_sum_of_squares").GetDouble();
        Dof = rec.GetProperty("degrees_of_freedom_n_minus_p").GetInt32();
        if (Dof != NObs - NParams)
        {
            throw new InvalidDataException($"{Name}: degrees_of_freedom_n_minus_p {Dof} != n - p");
        }

        // Roszman1 prints its own pi; it must round to the double that Python's math.pi is.
        if (rec.TryGetProperty("model_constants", out JsonElement consts))
        {
            foreach (JsonProperty c in consts.EnumerateObject())
            {
                double v = double.Parse(c.Value.GetString() ?? "", NumberStyles.Float, CultureInfo.InvariantCulture);
                if (c.Name != "pi" || v != Math.PI)
                {
                    throw new InvalidDataException($"{Name}: unexpected model constant {c.Name} = {v:R}");
                }
            }
        }

        int firstRow = rec.GetProperty("file_format_lines").GetProperty("data")[0].GetInt32();
        int lastRow = rec.GetProperty("file_format_lines").GetProperty("data")[1].GetInt32();
        (_y, _x, _x2) = ReadData(Path.Combine(directory, Name + ".dat"), firstRow, lastRow);

        _model = ModelFor(Name);
        _lhs = new double[NObs];
        for (int i = 0; i < NObs; i++)
        {
            // Nelson's formula is written for log[y]; every other left side is y.
            _lhs[i] = Name == "Nelson" ? Math.Log(_y[i]) : _y[i];
        }
    }

    /// <summary>The dataset name, e.g. <c>Misra1a</c>.</summary>
    public string Name { get; }

    /// <summary>NIST's level of difficulty: <c>lower</c>, <c>average</c> or <c>higher</c>.</summary>
    public string Level { get; }

    /// <summary>The formula as NIST writes it (from certified.json).</summary>
    public string ModelText { get; }

    /// <summary>Number of parameters p.</summary>
    public int NParams { get; }

    /// <summary>Number of observations n (= number of residuals m).</summary>
    public int NObs { get; }

    /// <summary>b1…bp.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The data column names: response first (<c>y</c>), then the predictors.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>NIST Start 1 (far from the solution). A copy.</summary>
    public double[] Start1 => (double[])_start1.Clone();

    /// <summary>NIST Start 2 (closer to the solution). A copy.</summary>
    public double[] Start2 => (double[])_start2.Clone();

    /// <summary>The certified parameter values (11 significant digits). A copy.</summary>
    public double[] Certified => (double[])_certified.Clone();

    /// <summary>The certified parameter standard deviations. A copy.</summary>
    public double[] CertifiedStdDev => (double[])_certifiedStdDev.Clone();

    /// <summary>The certified residual sum of squares.</summary>
    public double Rss { get; }

    /// <summary>Degrees of freedom n − p (certified.json's <c>degrees_of_freedom_n_minus_p</c>;
    /// Rat43's file misprints 9 for 11).</summary>
    public int Dof { get; }

    /// <summary>The response column y, as printed (Nelson: y, not log y). A copy.</summary>
    public double[] Y => (double[])_y.Clone();

    /// <summary>The (first) predictor: x, or Nelson's x1. A copy.</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>Nelson's second predictor x2; null for every other dataset. A copy.</summary>
    public double[]? X2 => (double[]?)_x2?.Clone();

    /// <summary>The left side of the formula per observation: y, or log(y) for Nelson. A copy.</summary>
    public double[] LeftSide => (double[])_lhs.Clone();

    /// <summary>The starting point named as in leastsq-lmdif.json: <c>start1</c> or <c>start2</c>. A copy.</summary>
    public double[] GetStart(string start) => start switch
    {
        "start1" => Start1,
        "start2" => Start2,
        _ => throw new ArgumentOutOfRangeException(nameof(start), start, "expected 'start1' or 'start2'"),
    };

    /// <summary>
    /// r_i = (left side) − (right side) of the NIST formula at the parameters <paramref name="b"/>,
    /// the formula evaluated as written, the way Python evaluates its text (as in
    /// <c>model_rss</c> of parse_nist.py and in leastsq-lmdif.json). Matches
    /// <see cref="ResidualFunction"/>.
    /// </summary>
    public void Residuals(ReadOnlySpan<double> b, Span<double> fvec)
    {
        if (b.Length != NParams)
        {
            throw new ArgumentException($"{Name} has {NParams} parameters, got {b.Length}", nameof(b));
        }

        if (fvec.Length != NObs)
        {
            throw new ArgumentException($"{Name} has {NObs} residuals, got room for {fvec.Length}", nameof(fvec));
        }

        double[] x = _x;
        double[]? x2 = _x2;
        for (int i = 0; i < fvec.Length; i++)
        {
            fvec[i] = _lhs[i] - _model(b, x[i], x2 is null ? 0.0 : x2[i]);
        }
    }

    /// <summary>The residual sum of squares at <paramref name="b"/>, summed in observation order.</summary>
    public double RssAt(ReadOnlySpan<double> b)
    {
        var r = new double[NObs];
        Residuals(b, r);
        double sum = 0.0;
        for (int i = 0; i < r.Length; i++)
        {
            sum += r[i] * r[i];
        }

        return sum;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal static NistDataset FromJson(JsonElement rec, string directory) => new(rec, directory);

    private static double[] Doubles(JsonElement rec, string property, int count)
    {
        double[] v = [.. rec.GetProperty(property).EnumerateArray().Select(e => e.GetDouble())];
        return v.Length == count
            ? v
            : throw new InvalidDataException($"{property}: {v.Length} values, expected {count}");
    }

    private (double[] Y, double[] X, double[]? X2) ReadData(string path, int firstRow, int lastRow)
    {
        // File.ReadAllLines splits on CRLF; the rows are "y x" (Nelson "y x1 x2"), response first.
        string[] lines = File.ReadAllLines(path);
        const int HeaderLine = 60;
        string header = lines[HeaderLine - 1];
        string[] names = header.StartsWith("Data:", StringComparison.Ordinal)
            ? header["Data:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidDataException($"{path}: line {HeaderLine} is not the 'Data:' column header");
        if (!names.SequenceEqual(Columns) || firstRow != HeaderLine + 1 || lastRow - firstRow + 1 != NObs)
        {
            throw new InvalidDataException($"{path}: data header or line range does not match certified.json");
        }

        int nPred = names.Length - 1;
        if (nPred is not (1 or 2))
        {
            throw new InvalidDataException($"{path}: {nPred} predictors");
        }

        var y = new double[NObs];
        var x = new double[NObs];
        double[]? x2 = nPred == 2 ? new double[NObs] : null;

        for (int i = 0; i < NObs; i++)
        {
            string[] fields = lines[firstRow - 1 + i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != names.Length)
            {
                throw new InvalidDataException($"{path}: line {firstRow + i} has {fields.Length} fields");
            }

            y[i] = ParseNumber(fields[0]);
            x[i] = ParseNumber(fields[1]);
            if (x2 is not null)
            {
                x2[i] = ParseNumber(fields[2]);
            }
        }

        for (int k = lastRow; k < lines.Length; k++)
        {
            if (!string.IsNullOrWhiteSpace(lines[k]))
            {
                throw new InvalidDataException($"{path}: non-blank line {k + 1} after the data");
            }
        }

        return (y, x, x2);
    }

    private static double ParseNumber(string text) =>
        double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Model ModelFor(string name) => name switch
    {
        "Misra1a" or "BoxBOD" => Misra1a,
        "Chwirut1" or "Chwirut2" => Chwirut,
        "Lanczos1" or "Lanczos2" or "Lanczos3" => Lanczos,
        "Gauss1" or "Gauss2" or "Gauss3" => Gauss,
        "DanWood" => DanWood,
        "Misra1b" => Misra1b,
        "Kirby2" => Kirby2,
        "Hahn1" or "Thurber" => Hahn1,
        "Nelson" => Nelson,
        "MGH17" => Mgh17,
        "Misra1c" => Misra1c,
        "Misra1d" => Misra1d,
        "Roszman1" => Roszman1,
        "ENSO" => Enso,
        "MGH09" => Mgh09,
        "Rat42" => Rat42,
        "MGH10" => Mgh10,
        "Eckerle4" => Eckerle4,
        "Rat43" => Rat43,
        "Bennett5" => Bennett5,
        _ => throw new InvalidDataException($"no model for dataset {name}"),
    };

    // Each model is the right side of the NIST formula, transcribed operator for operator as Python
    // evaluates the text: left to right, ** before unary minus before * /, a**b = Math.Pow(a, b)
    // (Python's float power calls C pow, x**2 included), integer literals as doubles.
    // b[0] is b1.

    // Misra1a, BoxBOD:  y = b1*(1-exp[-b2*x])  +  e
    private static double Misra1a(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * (1.0 - Math.Exp(-b[1] * x));

    // Chwirut1:  y = exp[-b1*x]/(b2+b3*x)  +  e
    // Chwirut2:  y = exp(-b1*x)/(b2+b3*x)  +  e
    private static double Chwirut(ReadOnlySpan<double> b, double x, double x2) =>
        Math.Exp(-b[0] * x) / (b[1] + b[2] * x);

    // Lanczos1, Lanczos2, Lanczos3:
    //   y = b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)  +  e
    private static double Lanczos(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * Math.Exp(-b[1] * x) + b[2] * Math.Exp(-b[3] * x) + b[4] * Math.Exp(-b[5] * x);

    // Gauss1, Gauss2, Gauss3:
    //   y = b1*exp( -b2*x ) + b3*exp( -(x-b4)**2 / b5**2 ) + b6*exp( -(x-b7)**2 / b8**2 ) + e
    private static double Gauss(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * Math.Exp(-b[1] * x)
        + b[2] * Math.Exp(-Math.Pow(x - b[3], 2.0) / Math.Pow(b[4], 2.0))
        + b[5] * Math.Exp(-Math.Pow(x - b[6], 2.0) / Math.Pow(b[7], 2.0));

    // DanWood:  y  = b1*x**b2  +  e
    private static double DanWood(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * Math.Pow(x, b[1]);

    // Misra1b:  y = b1 * (1-(1+b2*x/2)**(-2))  +  e
    private static double Misra1b(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * (1.0 - Math.Pow(1.0 + b[1] * x / 2.0, -2.0));

    // Kirby2:  y = (b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)  +  e
    private static double Kirby2(ReadOnlySpan<double> b, double x, double x2) =>
        (b[0] + b[1] * x + b[2] * Math.Pow(x, 2.0)) / (1.0 + b[3] * x + b[4] * Math.Pow(x, 2.0));

    // Hahn1:    y = (b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)  +  e
    // Thurber:  y = (b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)  +  e
    private static double Hahn1(ReadOnlySpan<double> b, double x, double x2) =>
        (b[0] + b[1] * x + b[2] * Math.Pow(x, 2.0) + b[3] * Math.Pow(x, 3.0))
        / (1.0 + b[4] * x + b[5] * Math.Pow(x, 2.0) + b[6] * Math.Pow(x, 3.0));

    // Nelson:  log[y] = b1 - b2*x1 * exp[-b3*x2]  +  e   (the left side log(y) is in _lhs)
    private static double Nelson(ReadOnlySpan<double> b, double x1, double x2) =>
        b[0] - b[1] * x1 * Math.Exp(-b[2] * x2);

    // MGH17:  y = b1 + b2*exp[-x*b4] + b3*exp[-x*b5]  +  e
    private static double Mgh17(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] + b[1] * Math.Exp(-x * b[3]) + b[2] * Math.Exp(-x * b[4]);

    // Misra1c:  y = b1 * (1-(1+2*b2*x)**(-.5))  +  e
    private static double Misra1c(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * (1.0 - Math.Pow(1.0 + 2.0 * b[1] * x, -0.5));

    // Misra1d:  y = b1*b2*x*((1+b2*x)**(-1))  +  e
    private static double Misra1d(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * b[1] * x * Math.Pow(1.0 + b[1] * x, -1.0);

    // Roszman1:  pi = 3.141592653589793238462643383279E0   (rounds to Math.PI; checked on load)
    //            y =  b1 - b2*x - arctan[b3/(x-b4)]/pi  +  e
    private static double Roszman1(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] - b[1] * x - Math.Atan(b[2] / (x - b[3])) / Math.PI;

    // ENSO:  y = b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )
    //               + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 )
    //               + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )  + e
    private static double Enso(ReadOnlySpan<double> b, double x, double x2) =>
        b[0]
        + b[1] * Math.Cos(2.0 * Math.PI * x / 12.0) + b[2] * Math.Sin(2.0 * Math.PI * x / 12.0)
        + b[4] * Math.Cos(2.0 * Math.PI * x / b[3]) + b[5] * Math.Sin(2.0 * Math.PI * x / b[3])
        + b[7] * Math.Cos(2.0 * Math.PI * x / b[6]) + b[8] * Math.Sin(2.0 * Math.PI * x / b[6]);

    // MGH09:  y = b1*(x**2+x*b2) / (x**2+x*b3+b4)  +  e
    private static double Mgh09(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * (Math.Pow(x, 2.0) + x * b[1]) / (Math.Pow(x, 2.0) + x * b[2] + b[3]);

    // Rat42:  y = b1 / (1+exp[b2-b3*x])  +  e
    private static double Rat42(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] / (1.0 + Math.Exp(b[1] - b[2] * x));

    // MGH10:  y = b1 * exp[b2/(x+b3)]  +  e
    private static double Mgh10(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * Math.Exp(b[1] / (x + b[2]));

    // Eckerle4:  y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]  +  e
    private static double Eckerle4(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] / b[1] * Math.Exp(-0.5 * Math.Pow((x - b[2]) / b[1], 2.0));

    // Rat43:  y = b1 / ((1+exp[b2-b3*x])**(1/b4))  +  e
    private static double Rat43(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] / Math.Pow(1.0 + Math.Exp(b[1] - b[2] * x), 1.0 / b[3]);

    // Bennett5:  y = b1 * (b2+x)**(-1/b3)  +  e
    private static double Bennett5(ReadOnlySpan<double> b, double x, double x2) =>
        b[0] * Math.Pow(b[1] + x, -1.0 / b[2]);
}

/// <summary>
/// One run of <c>scipy.optimize.leastsq</c> 1.10.1 (netlib MINPACK lmdif, forward differences)
/// from shared/nist-strd/leastsq-lmdif.json.
/// </summary>
/// <param name="Dataset">The NIST dataset name.</param>
/// <param name="Start">"start1" or "start2" (see <see cref="NistDataset.GetStart"/>).</param>
/// <param name="Ftol">ftol passed to leastsq (1.49012e-08, the default, or 1e-15).</param>
/// <param name="Xtol">xtol passed to leastsq (equal to <paramref name="Ftol"/> in every run).</param>
/// <param name="Ier">leastsq's ier.</param>
/// <param name="Nfev">Number of residual evaluations.</param>
/// <param name="X">The solution leastsq returned.</param>
/// <param name="Lre">Per-parameter LRE against the certified values as stored: rounded to 2
/// decimals, capped at 11 but NOT clipped at 0 (some are negative).</param>
/// <param name="MinLre">The minimum of <paramref name="Lre"/> (likewise unclipped).</param>
internal sealed record NistReferenceRun(
    string Dataset, string Start, double Ftol, double Xtol, int Ier, int Nfev, double[] X, double[] Lre, double MinLre);

/// <summary>Loads the NIST StRD reference data from <see cref="SharedData.NistStrd"/>.</summary>
internal static class NistStrd
{
    /// <summary>The LRE cap: certified values carry 11 significant digits.</summary>
    public const double MaxLre = 11.0;

    private static readonly Lazy<IReadOnlyList<NistDataset>> s_all = new(LoadAll);
    private static readonly Lazy<IReadOnlyList<NistReferenceRun>> s_runs = new(LoadRuns);

    /// <summary>The 27 datasets in NIST's order (as certified.json lists them). Cached.</summary>
    public static IReadOnlyList<NistDataset> All() => s_all.Value;

    /// <summary>The dataset called <paramref name="name"/> (e.g. "Misra1a").</summary>
    public static NistDataset Get(string name) =>
        All().FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "no such NIST StRD dataset");

    /// <summary>The 108 scipy leastsq runs of leastsq-lmdif.json, in file order. Cached.</summary>
    public static IReadOnlyList<NistReferenceRun> ScipyRuns() => s_runs.Value;

    /// <summary>
    /// Log relative error, the number of significant digits <paramref name="estimate"/> shares with
    /// <paramref name="certified"/>: −log10(|x − c| / |c|), or −log10(|x|) when c = 0. Capped at
    /// 11 (returned when the two are equal) and clipped at 0 from below; a NaN or infinite
    /// estimate scores 0.
    /// </summary>
    public static double Lre(double estimate, double certified)
    {
        if (estimate == certified)
        {
            return MaxLre;
        }

        if (!double.IsFinite(estimate))
        {
            return 0.0;
        }

        double lre = certified == 0.0
            ? -Math.Log10(Math.Abs(estimate))
            : -Math.Log10(Math.Abs(estimate - certified) / Math.Abs(certified));
        return double.IsNaN(lre) ? 0.0 : Math.Clamp(lre, 0.0, MaxLre);
    }

    private static JsonDocument ReadJson(string fileName)
    {
        string path = Path.Combine(SharedData.NistStrd, fileName);
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    private static IReadOnlyList<NistDataset> LoadAll()
    {
        using JsonDocument doc = ReadJson("certified.json");
        string dir = SharedData.NistStrd;
        NistDataset[] all =
            [.. doc.RootElement.GetProperty("datasets").EnumerateArray().Select(rec => NistDataset.FromJson(rec, dir))];
        return all.Length == 27
            ? all
            : throw new InvalidDataException($"certified.json lists {all.Length} datasets, expected 27");
    }

    private static IReadOnlyList<NistReferenceRun> LoadRuns()
    {
        using JsonDocument doc = ReadJson("leastsq-lmdif.json");
        NistReferenceRun[] runs =
        [
            .. doc.RootElement.GetProperty("runs").EnumerateArray().Select(r => new NistReferenceRun(
                Dataset: r.GetProperty("dataset").GetString() ?? "",
                Start: r.GetProperty("start").GetString() ?? "",
                Ftol: r.GetProperty("ftol").GetDouble(),
                Xtol: r.GetProperty("xtol").GetDouble(),
                Ier: r.GetProperty("ier").GetInt32(),
                Nfev: r.GetProperty("nfev").GetInt32(),
                X: [.. r.GetProperty("x").EnumerateArray().Select(e => e.GetDouble())],
                Lre: [.. r.GetProperty("lre").EnumerateArray().Select(e => e.GetDouble())],
                MinLre: r.GetProperty("min_lre").GetDouble())),
        ];
        return runs.Length == 108
            ? runs
            : throw new InvalidDataException($"leastsq-lmdif.json holds {runs.Length} runs, expected 108");
    }
}

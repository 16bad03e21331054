using System.Text.Json;

namespace GpuLm.Tests.Reference;

/// <summary>One record of <c>shared/reference/minpack-mgh/mgh_x1.json</c>: scipy 1.10.1
/// leastsq on one MINPACK-1 case.</summary>
internal sealed record MghReferenceRun(
    string CaseId, string Mode, int Maxfev, double[] X0, double[] X, int Ier, int Nfev, int? Njev,
    double[] Fvec, double[][] Fjac, int[] Ipvt, double[] Qtf, double[][]? CovX)
{
    public bool Analytic => Mode == "lmder";

    public override string ToString() => $"{CaseId} {Mode}";
}

/// <summary>Loads the MINPACK-1 reference runs from the shared folder.</summary>
internal static class MghReference
{
    private static readonly Lazy<IReadOnlyList<MghReferenceRun>> s_runs = new(Load);

    public static IReadOnlyList<MghReferenceRun> Runs() => s_runs.Value;

    public static MghReferenceRun Find(string caseId, string mode) =>
        Runs().Single(r => r.CaseId == caseId && r.Mode == mode);

    private static IReadOnlyList<MghReferenceRun> Load()
    {
        string path = Path.Combine(SharedData.Root, "reference", "minpack-mgh", "mgh_x1.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var runs = new List<MghReferenceRun>();
        foreach (JsonElement r in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            JsonElement cov = r.GetProperty("cov_x");
            JsonElement njev = r.GetProperty("njev");
            runs.Add(new MghReferenceRun(
                r.GetProperty("case_id").GetString()!,
                r.GetProperty("mode").GetString()!,
                r.GetProperty("maxfev").GetInt32(),
                Vector(r.GetProperty("x0")),
                Vector(r.GetProperty("x")),
                r.GetProperty("ier").GetInt32(),
                r.GetProperty("nfev").GetInt32(),
                njev.ValueKind == JsonValueKind.Null ? null : njev.GetInt32(),
                Vector(r.GetProperty("fvec")),
                Matrix(r.GetProperty("fjac")),
                r.GetProperty("ipvt").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                Vector(r.GetProperty("qtf")),
                cov.ValueKind == JsonValueKind.Null ? null : Matrix(cov)));
        }

        return runs;
    }

    private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(Number).ToArray();

    private static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();

    /// <summary>A JSON number, or one of the named non-finite values the reference writes as strings.</summary>
    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"unexpected number '{s}' in mgh_x1.json"),
        }
        : e.GetDouble();
}

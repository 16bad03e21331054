using System.Text.Json;
using GpuLm.Host;

namespace GpuLm.Cli.Fitting;

/// <summary>Writes summary.json: what was fitted, how, where, and how it went.</summary>
internal static class SummaryWriter
{
    /// <summary>Writes the summary of a finished run.</summary>
    /// <param name="path">summary.json's path.</param>
    /// <param name="job">The fit.</param>
    /// <param name="request">The options as given.</param>
    /// <param name="accelerator">The accelerator it ran on.</param>
    /// <param name="summary">The run's outcome.</param>
    public static void Write(string path, FitJob job, FitRequest request, Accelerator accelerator, FitRunSummary summary)
    {
        LeastSqOptions o = job.Options.LeastSq;
        bool analytic = job.Options.Jacobian == JacobianMode.Analytic;
        int maxfev = o.ResolveMaxFev(job.Parameters, analytic);
        var document = new Dictionary<string, object?>
        {
            ["model"] = job.ModelName,
            ["expression"] = job.Model.ToString(),
            ["parameters"] = job.Model.Parameters,
            ["variables"] = job.Model.Variables,
            ["inputs"] = job.InputDescriptions,
            ["shape"] = new Dictionary<string, object>
            {
                ["leading"] = job.Leading,
                ["rows"] = job.Rows,
                ["points"] = job.Points,
                ["parameters"] = job.Parameters,
            },
            ["options"] = new Dictionary<string, object?>
            {
                ["jacobian"] = analytic ? "analytic" : "numeric",
                ["ftol"] = o.Ftol,
                ["xtol"] = o.Xtol,
                ["gtol"] = o.Gtol,
                ["maxfev"] = maxfev,
                ["epsfcn"] = o.Epsfcn ?? LeastSqOptions.DefaultEpsfcn,
                ["factor"] = o.Factor,
                ["full_output"] = request.FullOutput,
                ["chunk_rows"] = job.ChunkRows,
                ["precision"] = Precision(request, accelerator),
            },
            ["accelerator"] = Accelerators.NameOf(accelerator.Kind),
            ["device"] = accelerator.DeviceName,
            ["ier_counts"] = summary.CountsByIer.Select(kv => new Dictionary<string, object>
            {
                ["ier"] = kv.Key,
                ["count"] = kv.Value,
                ["mesg"] = LeastSqStatus.Message(kv.Key, o.Ftol, o.Xtol, o.Gtol, maxfev),
            }).ToArray(),
            ["cancelled"] = summary.Cancelled,
            ["wall_seconds"] = summary.Seconds,
            ["fits_per_second"] = summary.FitsPerSecond,
            ["outputs"] = summary.Outputs.Select(Path.GetFileName).ToArray(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    private static string Precision(FitRequest request, Accelerator accelerator) =>
        !request.Single ? "double"
        : accelerator.Kind == AcceleratorKind.Cpu ? "double (the CPU accelerator fits in double; --precision single applies to devices)"
        : "single";
}

namespace GpuLm.Cli.Fitting;

/// <summary>The options of <c>gpulm fit</c>, as given.</summary>
internal sealed class FitRequest
{
    /// <summary>--model.</summary>
    public required string Model { get; init; }

    /// <summary>--params.</summary>
    public string? Params { get; init; }

    /// <summary>--vars.</summary>
    public string? Vars { get; init; }

    /// <summary>--y.</summary>
    public required string Y { get; init; }

    /// <summary>--x.</summary>
    public string? X { get; init; }

    /// <summary>--p0: a file or a comma list.</summary>
    public string? P0 { get; init; }

    /// <summary>--weights.</summary>
    public string? Weights { get; init; }

    /// <summary>--jacobian numeric.</summary>
    public bool Numeric { get; init; }

    /// <summary>--accelerator.</summary>
    public string Accelerator { get; init; } = "auto";

    /// <summary>--precision single.</summary>
    public bool Single { get; init; }

    /// <summary>--ftol.</summary>
    public double? Ftol { get; init; }

    /// <summary>--xtol.</summary>
    public double? Xtol { get; init; }

    /// <summary>--gtol.</summary>
    public double? Gtol { get; init; }

    /// <summary>--maxfev.</summary>
    public int? MaxFev { get; init; }

    /// <summary>--epsfcn.</summary>
    public double? Epsfcn { get; init; }

    /// <summary>--factor.</summary>
    public double? Factor { get; init; }

    /// <summary>--threads.</summary>
    public int? Threads { get; init; }

    /// <summary>--team.</summary>
    public int? Team { get; init; }

    /// <summary>--per-group.</summary>
    public int? PerGroup { get; init; }

    /// <summary>--chunk.</summary>
    public int? Chunk { get; init; }

    /// <summary>--full-output.</summary>
    public bool FullOutput { get; init; }

    /// <summary>--maps.</summary>
    public bool Maps { get; init; }

    /// <summary>--quiet.</summary>
    public bool Quiet { get; init; }

    /// <summary>--format csv.</summary>
    public bool Csv { get; init; }

    /// <summary>--out-format csv.</summary>
    public bool CsvOut { get; init; }

    /// <summary>--out.</summary>
    public required string Out { get; init; }
}

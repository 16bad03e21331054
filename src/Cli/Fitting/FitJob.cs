using GpuLm.Models;

namespace GpuLm.Cli.Fitting;

/// <summary>
/// A fit as gpulm runs it: the model, the inputs with their shapes checked against each
/// other, and where the outputs go.
/// </summary>
internal sealed class FitJob : IDisposable
{
    /// <summary>The model every row is fitted with.</summary>
    public required Model Model { get; init; }

    /// <summary>How summary.json names the model: a catalogue name or the expression.</summary>
    public required string ModelName { get; init; }

    /// <summary>The leading axes of the per-row arrays: (B) or (H, W).</summary>
    public required long[] Leading { get; init; }

    /// <summary>B, the number of rows.</summary>
    public long Rows => Leading.Aggregate(1L, (a, b) => a * b);

    /// <summary>m, the points per row.</summary>
    public required int Points { get; init; }

    /// <summary>n.</summary>
    public int Parameters => Model.ParameterCount;

    /// <summary>d.</summary>
    public int Dimensions => Model.VariableCount;

    /// <summary>The data.</summary>
    public required IRowSource Y { get; init; }

    /// <summary>The independent variables shared by every row (m×d), or null where they are per row.</summary>
    public double[]? SharedVariables { get; init; }

    /// <summary>Per-row independent variables (rows of m·d), or null where shared.</summary>
    public IRowSource? RowVariables { get; init; }

    /// <summary>Weights like y, or null.</summary>
    public IRowSource? Weights { get; init; }

    /// <summary>One start for every row, or null where per row.</summary>
    public double[]? SharedX0 { get; init; }

    /// <summary>Per-row starts (rows of n), or null where shared.</summary>
    public IRowSource? RowX0 { get; init; }

    /// <summary>The fit options.</summary>
    public required FitOptions Options { get; init; }

    /// <summary>The output folder.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>Rows per chunk.</summary>
    public required int ChunkRows { get; init; }

    /// <summary>Write results.csv instead of the .npy outputs.</summary>
    public bool CsvOutput { get; init; }

    /// <summary>Write PNG maps (image stacks only).</summary>
    public bool Maps { get; init; }

    /// <summary>No progress bar.</summary>
    public bool Quiet { get; init; }

    /// <summary>The inputs as the user named them, for summary.json.</summary>
    public required IReadOnlyDictionary<string, string> InputDescriptions { get; init; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Y.Dispose();
        RowVariables?.Dispose();
        Weights?.Dispose();
        RowX0?.Dispose();
    }

    /// <summary>The default rows per chunk: about 256 MiB of inputs, outputs and scratch.</summary>
    /// <param name="rows">B.</param>
    /// <param name="points">m.</param>
    /// <param name="parameters">n.</param>
    /// <param name="dimensions">d, where the variables are per row; 0 where shared.</param>
    /// <param name="outputs">The optional outputs asked for.</param>
    /// <returns>The chunk size, at least 1 and at most B.</returns>
    public static int DefaultChunkRows(long rows, int points, int parameters, int dimensions, FitOutputs outputs)
    {
        const long budget = 256L << 20;
        long perRow = 8L * (2 * points + points * dimensions + 3 * parameters + 4);
        if (outputs.HasFlag(FitOutputs.Fvec))
        {
            perRow += 8L * points;
        }

        if (outputs.HasFlag(FitOutputs.Fjac))
        {
            perRow += 8L * points * parameters;
        }

        if (outputs.HasFlag(FitOutputs.CovX))
        {
            perRow += 8L * parameters * parameters;
        }

        return (int)Math.Clamp(budget / perRow, 1, Math.Min(rows, 1 << 22));
    }
}

namespace GpuLm.Host;

/// <summary>How far a batch fit has come.</summary>
/// <param name="RowsDone">Rows finished (fitted, or marked invalid).</param>
/// <param name="RowsTotal">B, the rows in the batch.</param>
/// <param name="Elapsed">Time since the fit started.</param>
public readonly record struct FitProgress(long RowsDone, long RowsTotal, TimeSpan Elapsed)
{
    /// <summary>Rows finished per second so far.</summary>
    public double FitsPerSecond => Elapsed.TotalSeconds > 0 ? RowsDone / Elapsed.TotalSeconds : 0.0;

    /// <summary>The time left at the rate so far, or null before any row is done.</summary>
    public TimeSpan? Remaining => RowsDone > 0
        ? TimeSpan.FromSeconds((RowsTotal - RowsDone) / FitsPerSecond)
        : null;
}

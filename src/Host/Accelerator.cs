namespace GpuLm.Host;

/// <summary>
/// A device that fits batches: validates a <see cref="FitBatch"/> and its
/// <see cref="FitOptions"/>, then lets the backend fit every row.
/// </summary>
/// <remarks>
/// Public methods validate and then call the protected <c>…Core</c> hook each backend
/// implements. Every backend returns the same leastsq-shaped <see cref="FitResult"/>: one
/// status per row, so a row that fails numerically or has unusable input never stops the
/// others. Cancelling keeps the rows already fitted and marks the rest
/// <see cref="LeastSqStatus.NotRun"/>.
/// </remarks>
public abstract class Accelerator : IDisposable
{
    private bool _disposed;

    /// <summary>The kind of this accelerator.</summary>
    public abstract AcceleratorKind Kind { get; }

    /// <summary>A human-readable name of the device.</summary>
    public abstract string DeviceName { get; }

    /// <summary>Fits every row of <paramref name="batch"/>.</summary>
    /// <param name="batch">The problems.</param>
    /// <param name="options">How to fit them; null for <see cref="FitOptions.Default"/>.</param>
    /// <param name="progress">Receives progress reports from any thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit early: rows not yet started are marked not run.</param>
    /// <returns>The results; <see cref="FitResult.Cancelled"/> says whether every row ran.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException">The options do not fit the batch.</exception>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public FitResult Fit(
        FitBatch batch, FitOptions? options = null, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= FitOptions.Default;
        options.Validate(batch.ProblemCount, batch.ParameterCount);
        return FitCore(batch, options, progress, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Dispose(true);
            GC.SuppressFinalize(this);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}: {DeviceName}";

    /// <summary>Fits a validated batch.</summary>
    /// <param name="batch">The problems.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The results.</returns>
    protected abstract FitResult FitCore(
        FitBatch batch, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Releases the backend's resources.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Throws if the accelerator was disposed.</summary>
    /// <exception cref="ObjectDisposedException">It was.</exception>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

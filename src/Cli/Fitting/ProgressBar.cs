using System.Diagnostics;

namespace GpuLm.Cli.Fitting;

/// <summary>
/// A one-line progress bar on stderr: rows done, fits per second, time left. It appears only
/// once a run has lasted about a second, and never when stderr is not a terminal or the user
/// asked for quiet.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Func<TimeSpan> _elapsed;
    private readonly TextWriter? _output;
    private readonly long _total;
    private readonly object _gate = new();
    private TimeSpan _lastDraw = TimeSpan.Zero;
    private bool _drawn;

    /// <summary>Creates the bar for <paramref name="total"/> rows.</summary>
    /// <param name="total">The rows to fit.</param>
    /// <param name="quiet">Whether the user asked for no progress output.</param>
    public ProgressBar(long total, bool quiet)
        : this(total, quiet || Console.IsErrorRedirected ? null : Console.Error, StartClock())
    {
    }

    /// <summary>Creates a bar with an explicit clock (for tests).</summary>
    /// <param name="total">The rows to fit.</param>
    /// <param name="output">Where to draw, or null for a silent bar.</param>
    /// <param name="elapsed">The time since the run started.</param>
    internal ProgressBar(long total, TextWriter? output, Func<TimeSpan> elapsed)
    {
        _total = total;
        _output = output;
        _elapsed = elapsed;
    }

    private static Func<TimeSpan> StartClock()
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed;
    }

    /// <summary>Redraws the bar for <paramref name="done"/> rows, at most ten times a second.</summary>
    /// <param name="done">Rows finished so far.</param>
    public void Report(long done)
    {
        if (_output is null)
        {
            return;
        }

        lock (_gate)
        {
            TimeSpan now = _elapsed();
            if (now < Delay || now - _lastDraw < Interval)
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            _output.Write("\r" + Format(done, _total, now));
        }
    }

    /// <summary>Ends the bar's line, if it was drawn.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                _output!.WriteLine("\r" + Format(_total, _total, _elapsed()));
            }
        }
    }

    /// <summary>The bar's text for <paramref name="done"/> of <paramref name="total"/> rows after <paramref name="elapsed"/>.</summary>
    /// <param name="done">Rows finished.</param>
    /// <param name="total">Rows in all.</param>
    /// <param name="elapsed">Time since the start.</param>
    /// <returns>One line, without a line end.</returns>
    internal static string Format(long done, long total, TimeSpan elapsed)
    {
        const int width = 30;
        double fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 1;
        int filled = (int)Math.Round(fraction * width);
        double rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        string eta = rate > 0 && done < total
            ? TimeSpan.FromSeconds((total - done) / rate).ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)
            : "0:00:00";
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {fraction * 100,3:F0}% "
            + $"{done:N0}/{total:N0} rows  {rate:N0} fits/s  ETA {eta}  ");
    }
}

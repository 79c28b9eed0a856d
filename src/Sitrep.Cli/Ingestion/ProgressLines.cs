using System.Globalization;
using Sitrep.Analysis;

namespace Sitrep.Cli.Ingestion;

/// <summary>
/// Plain progress lines for output that is not a terminal: a line when the state changed and two seconds have
/// passed, and at least one every four seconds while the work goes on (a single large input included), read from
/// <paramref name="state"/> on a timer so that a slow step never leaves the output silent.
/// </summary>
public sealed class ProgressLines : IDisposable
{
    private readonly TextWriter _writer;
    private readonly Func<string?> _state;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private DateTime _last = DateTime.UtcNow;
    private string? _printed;

    public ProgressLines(TextWriter writer, Func<string?> state)
    {
        _writer = writer;
        _state = state;
        _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>"4.1 of 10.0 MB (section 21 of 52)": how far the analysis of one long text has come.</summary>
    public static string Describe(AnalysisProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Done / (1024.0 * 1024):0.0} of {p.Total / (1024.0 * 1024):0.0} M characters analysed (section {p.Section} of {p.Sections})");

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        lock (_gate)
        {
            var state = _state();
            var since = (DateTime.UtcNow - _last).TotalSeconds;
            if (state is null || (state == _printed ? since < 4 : since < 2))
            {
                return;
            }

            _writer.WriteLine("progress: " + state);
            _writer.Flush();
            _printed = state;
            _last = DateTime.UtcNow;
        }
    }
}

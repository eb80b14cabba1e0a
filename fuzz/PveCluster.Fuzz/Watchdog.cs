using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz;

/// <summary>
/// An input that never returns cannot be interrupted in .NET, so a background thread looks at the
/// running input and, once it is past the bound, prints it and ends the process with its own exit code.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Timer _timer;
    private int _fired;

    private Watchdog(FuzzRunner runner, TextWriter output, FindingStore store)
    {
        _timer = new Timer(_ =>
        {
            if (runner.Stuck() is { } stuck && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                output.Write(stuck.Describe());
                output.WriteLine($"  saved as {store.Save(stuck)}");
                output.Flush();
                Environment.Exit(FuzzCommand.ExitHang);
            }
        }, null, Interval, Interval);
    }

    public static Watchdog Start(FuzzRunner runner, TextWriter output, FindingStore store) => new(runner, output, store);

    public void Dispose() => _timer.Dispose();
}

namespace PveCluster.Corosync;

/// <summary>
/// The one retry policy for CS_ERR_TRY_AGAIN, which corosync returns while a membership sync is
/// running or its IPC queue is full. Corosync's own tools retry with a short sleep; we back off
/// from 10 ms to 200 ms so a long sync does not turn into a busy loop.
/// </summary>
internal static class TryAgainPolicy
{
    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Default bound for synchronous callers that cannot be cancelled.</summary>
    public static readonly TimeSpan DefaultSyncBudget = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="attempt"/> until it returns anything but TRY_AGAIN, then checks the result.</summary>
    public static async Task RunAsync(Func<CsError> attempt, string operation, CancellationToken cancellationToken)
    {
        var delay = InitialDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = attempt();
            if (result != CsError.TryAgain)
            {
                Cs.Check(result, operation);
                return;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = NextDelay(delay);
        }
    }

    /// <summary>Synchronous variant for the dispatch thread and for one-shot tools; gives up after <paramref name="budget"/>.</summary>
    public static void Run(Func<CsError> attempt, string operation, TimeSpan budget)
    {
        var delay = InitialDelay;
        var deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
        while (true)
        {
            var result = attempt();
            if (result != CsError.TryAgain || Environment.TickCount64 >= deadline)
            {
                Cs.Check(result, operation);
                return;
            }

            Thread.Sleep(delay);
            delay = NextDelay(delay);
        }
    }

    internal static TimeSpan NextDelay(TimeSpan current) =>
        current * 2 > MaxDelay ? MaxDelay : current * 2;
}

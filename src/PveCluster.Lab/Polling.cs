namespace PveCluster.Lab;

/// <summary>Waits for a condition by polling, for tests and lab commands (never a fixed sleep).</summary>
public static class Polling
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value satisfying <paramref name="done"/>;
    /// on timeout throws <see cref="TimeoutException"/> naming <paramref name="what"/> and the last value seen.
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe(cancellationToken).ConfigureAwait(false);
            if (done(last))
            {
                return last;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last value: {Describe(last)}");
            }
            await Task.Delay(DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "(none)",
        System.Collections.IEnumerable items and not string => "[" + string.Join("; ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}

using PveCluster.Gui.Api;

namespace PveCluster.Gui.Components;

/// <summary>
/// Refreshes a view on a fixed cadence (Proxmox: cluster status 3 s, nodes 5 s, join info 15 s) until disposed,
/// skipping ticks while paused (a modal dialog is open). The last failure is kept for the view to show.
/// </summary>
public sealed class Poller : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Func<CancellationToken, Task> _refresh;
    private readonly Action _changed;
    private readonly CancellationTokenSource _stop = new();

    public Poller(TimeSpan interval, Func<CancellationToken, Task> refresh, Action changed)
    {
        _interval = interval;
        _refresh = refresh;
        _changed = changed;
    }

    public bool Paused { get; set; }

    public string? Error { get; private set; }

    public bool Loaded { get; private set; }

    public void Start() => _ = LoopAsync();

    public async Task RefreshNowAsync()
    {
        try
        {
            await _refresh(_stop.Token);
            Error = null;
            Loaded = true;
        }
        catch (ApiCallException e)
        {
            Error = e.Describe();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }

        _changed();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        await RefreshNowAsync();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!Paused)
                {
                    await RefreshNowAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed with its view.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

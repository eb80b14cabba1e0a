using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Interop.Libc;

namespace PveCluster.Corosync.Dispatch;

/// <summary>
/// A dedicated thread that polls one corosync fd and dispatches its callbacks, reconnecting with
/// back-off when corosync restarts. It is never the thread pool: every <c>*_dispatch</c> puts a
/// 1 MiB buffer on the stack (crashes were measured at 1 MiB stacks), so the thread gets 4 MiB.
/// </summary>
internal sealed unsafe class DispatchLoop : IDisposable
{
    public const int StackSize = 4 << 20;
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly IDispatchSource _source;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly WakeupFd _wakeup = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public DispatchLoop(string name, IDispatchSource source, ILogger logger)
    {
        _name = name;
        _source = source;
        _logger = logger;
        _thread = new Thread(Run, StackSize) { IsBackground = true, Name = $"corosync-{name}" };
    }

    /// <summary>True when called from this loop's thread (callbacks, reconnect handlers).</summary>
    public bool IsDispatchThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopping = true;
        _wakeup.Signal();
        if (_thread.IsAlive && !IsDispatchThread)
        {
            _thread.Join();
        }

        _wakeup.Dispose();
    }

    private void Run()
    {
        var backoff = InitialBackoff;
        while (!_stopping)
        {
            int fd;
            try
            {
                fd = _source.EnsureConnected();
                backoff = InitialBackoff;
            }
            catch (CorosyncException ex)
            {
                _logger.LogDebug("{Service}: reconnect failed ({Error}); retrying in {Delay} ms", _name, ex.Message, backoff.TotalMilliseconds);
                WaitForWakeup((int)backoff.TotalMilliseconds);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                continue;
            }
#pragma warning disable CA1031 // the loop must survive anything a consumer's callback throws
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(ex, "{Service}: unexpected error while connecting", _name);
                WaitForWakeup((int)backoff.TotalMilliseconds);
                continue;
            }

            if (!PollReadable(fd))
            {
                continue;
            }

            var result = _source.DispatchAll();
            if (result is CsError.Ok or CsError.TryAgain)
            {
                continue;
            }

            var reason = new CorosyncException(result, $"{_name}_dispatch");
            _logger.LogWarning("{Service}: connection to corosync lost ({Error}); reconnecting", _name, reason.Message);
            _source.Disconnect(reason);
        }
    }

    /// <summary>Returns true when the corosync fd needs dispatching (readable, or hung up: dispatch then reports the loss).</summary>
    private bool PollReadable(int fd)
    {
        var fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        fds[1] = new Libc.PollFd { Fd = _wakeup.Fd, Events = Libc.POLLIN };
        var n = Libc.poll(fds, 2, -1);
        if (n < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)
            {
                _logger.LogError("{Service}: poll failed with errno {Errno}", _name, errno);
                Thread.Sleep(100);
            }

            return false;
        }

        return !_stopping && fds[0].REvents != 0;
    }

    private void WaitForWakeup(int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = _wakeup.Fd, Events = Libc.POLLIN };
        _ = Libc.poll(&pfd, 1, timeoutMs);
    }
}

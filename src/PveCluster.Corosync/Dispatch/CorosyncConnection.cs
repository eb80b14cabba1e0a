using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Interop;

namespace PveCluster.Corosync.Dispatch;

/// <summary>
/// One connection to a corosync service: owns the handle, serializes requests on it with a lock
/// (the libraries have none), and optionally runs a <see cref="DispatchLoop"/> that reconnects
/// after corosync restarts. Without a loop, a dead handle is replaced on the next request.
/// </summary>
internal abstract class CorosyncConnection<THandle> : IDispatchSource, IDisposable
    where THandle : CorosyncSafeHandle
{
    private readonly Lock _gate = new();
    private THandle? _handle;
    private DispatchLoop? _loop;
    private bool _disposed;

    protected CorosyncConnection(string serviceName, ILogger logger)
    {
        ServiceName = serviceName;
        Logger = logger;
    }

    /// <summary>Short service name for logs and thread names, e.g. "cpg".</summary>
    protected string ServiceName { get; }

    protected ILogger Logger { get; }

    /// <summary>Initializes a new handle with callbacks registered. Throws <see cref="CorosyncException"/>.</summary>
    protected abstract THandle Open();

    /// <summary>Work that must be redone on every new handle (trackstart, cpg_join). Throwing closes the handle.</summary>
    protected virtual void OnOpened(THandle handle)
    {
    }

    /// <summary>Called on the dispatch thread after the old handle was finalized.</summary>
    protected virtual void OnConnectionLost(CorosyncException reason)
    {
    }

    protected abstract CsError GetFd(THandle handle, out int fd);

    protected abstract CsError Dispatch(THandle handle);

    /// <summary>Connects now so the caller sees "corosync is not running" immediately.</summary>
    public void Connect()
    {
        lock (_gate)
        {
            EnsureHandleLocked();
        }
    }

    /// <summary>Starts the dispatch thread; callbacks arrive on it from now on.</summary>
    protected void StartDispatch()
    {
        _loop = new DispatchLoop(ServiceName, this, Logger);
        _loop.Start();
    }

    /// <summary>Holds the request lock and a live handle for one native call.</summary>
    protected Request BeginRequest()
    {
        var scope = _gate.EnterScope();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new Request(this, scope, EnsureHandleLocked());
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    int IDispatchSource.EnsureConnected()
    {
        lock (_gate)
        {
            var handle = EnsureHandleLocked(fromDispatchLoop: true);
            Cs.Check(GetFd(handle, out var fd), $"{ServiceName}_fd_get");
            return fd;
        }
    }

    CsError IDispatchSource.DispatchAll()
    {
        THandle? handle;
        lock (_gate)
        {
            handle = _handle;
        }

        // Not under the lock: callbacks may issue requests, and requests use a separate IPC channel.
        return handle is null ? CsError.Library : Dispatch(handle);
    }

    void IDispatchSource.Disconnect(CorosyncException reason)
    {
        lock (_gate)
        {
            _handle?.Dispose();
            _handle = null;
        }

        OnConnectionLost(reason);
    }

    private THandle EnsureHandleLocked(bool fromDispatchLoop = false)
    {
        if (_handle is { IsClosed: false })
        {
            return _handle;
        }

        if (_loop is not null && !fromDispatchLoop)
        {
            // The loop owns reconnecting (and re-joining/re-tracking); a request must not race it.
            throw new CorosyncException(CsError.Library, $"{ServiceName} request (not connected to corosync; reconnecting)");
        }

        var handle = Open();
        try
        {
            OnOpened(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _handle = handle;
        return handle;
    }

    /// <summary>Without a dispatch loop nobody else notices a restart: drop the handle so the next request reconnects.</summary>
    private void NoteResult(CsError result)
    {
        if (result == CsError.Library && _loop is null)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        // Stop the loop first: finalizing while a callback runs is unsafe (corosync's own warning),
        // which is also why a handler must not dispose its own client from inside a notification.
        if (_loop is { IsDispatchThread: true })
        {
            throw new InvalidOperationException($"{ServiceName}: do not dispose a corosync client from its own notification handler.");
        }

        _loop?.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _handle?.Dispose();
            _handle = null;
        }
    }

    /// <summary>Lock scope plus handle; <see cref="Complete"/> records the result so a dead handle gets replaced.</summary>
    internal ref struct Request
    {
        private readonly CorosyncConnection<THandle> _owner;
        private Lock.Scope _scope;

        internal Request(CorosyncConnection<THandle> owner, Lock.Scope scope, THandle handle)
        {
            _owner = owner;
            _scope = scope;
            Handle = handle;
        }

        public THandle Handle { get; }

        public readonly CsError Complete(CsError result)
        {
            _owner.NoteResult(result);
            return result;
        }

        public void Dispose() => _scope.Dispose();
    }
}

using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Corosync.Dispatch;
using PveCluster.Corosync.Interop;
using PveCluster.Corosync.Interop.Cmap;
using Native = PveCluster.Corosync.Interop.Cmap.Cmap;

namespace PveCluster.Corosync.Cmap;

/// <summary>
/// libcmap: typed reads, prefix iteration and change tracking. Tracking starts a dedicated
/// dispatch thread; tracks are re-added after corosync restarts.
/// </summary>
public sealed partial class CmapClient : IDisposable
{
    private readonly Connection _connection;

    private CmapClient(CmapMap map, ILogger logger) => _connection = new Connection(map, logger);

    /// <summary>Connects now; throws <see cref="CorosyncException"/> with <see cref="CsError.Library"/> when corosync is not running.</summary>
    public static CmapClient Connect(CmapMap map = CmapMap.Default, ILogger? logger = null)
    {
        var client = new CmapClient(map, logger ?? NullLogger.Instance);
        return ClientConnector.ConnectOrDispose(client, client._connection.Connect);
    }

    /// <summary>The decoded value, or null when the key does not exist.</summary>
    public unsafe object? Get(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // The value can change size between the probe and the read; a second round settles it.
        for (var attempt = 0; ; attempt++)
        {
            nuint length = 0;
            CmapValueType type = default;
            using (var request = _connection.Begin())
            {
                var probe = request.Complete(Native.cmap_get(request.Handle, key, null, &length, &type));
                if (probe == CsError.NotExist)
                {
                    return null;
                }

                Cs.Check(probe, "cmap_get");
                var buffer = new byte[(int)length];
                fixed (byte* data = buffer)
                {
                    var read = request.Complete(Native.cmap_get(request.Handle, key, data, &length, &type));
                    if (read == CsError.Ok)
                    {
                        return CmapValues.Decode(type, buffer.AsSpan(0, (int)length));
                    }

                    if (read == CsError.NotExist)
                    {
                        return null;
                    }

                    if (read != CsError.InvalidParam || attempt > 2)
                    {
                        Cs.Check(read, "cmap_get");
                    }
                }
            }
        }
    }

    /// <summary>A string key, or null when missing. Non-string values are formatted invariantly.</summary>
    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>Any unsigned or non-negative integer key, or null when missing or not an integer.</summary>
    public ulong? GetUInt64(string key) => CmapValues.AsUInt64(Get(key));

    /// <summary>Any integer key as signed, or null when missing or not an integer.</summary>
    public long? GetInt64(string key) => CmapValues.AsInt64(Get(key));

    /// <summary>All keys starting with <paramref name="prefix"/> (cmap_iter_*), in cmap's (sorted) order.</summary>
    public unsafe IReadOnlyList<CmapEntry> GetPrefix(string prefix)
    {
        var keys = new List<string>();
        using (var request = _connection.Begin())
        {
            Cs.Check(request.Complete(Native.cmap_iter_init(request.Handle, prefix, out var iter)), "cmap_iter_init");
            try
            {
                var name = stackalloc byte[Native.KeyNameMaxLength + 1];
                while (true)
                {
                    nuint length = 0;
                    CmapValueType type = default;
                    var result = request.Complete(Native.cmap_iter_next(request.Handle, iter, name, &length, &type));
                    if (result == CsError.NoSections)
                    {
                        break;
                    }

                    Cs.Check(result, "cmap_iter_next");
                    keys.Add(Marshal.PtrToStringUTF8((nint)name) ?? string.Empty);
                }
            }
            finally
            {
                _ = Native.cmap_iter_finalize(request.Handle, iter);
            }
        }

        var entries = new List<CmapEntry>(keys.Count);
        foreach (var key in keys)
        {
            // A key deleted between listing and reading is simply skipped.
            if (Get(key) is { } value)
            {
                entries.Add(new CmapEntry(key, value));
            }
        }

        return entries;
    }

    /// <summary>
    /// Tracks additions, modifications and deletions below <paramref name="prefix"/>. Changes
    /// arrive on the returned tracker's channel; dispose the tracker to stop.
    /// </summary>
    public CmapTracker TrackPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var tracker = new CmapTracker(prefix, _connection);
        _connection.AddTracker(tracker);
        return tracker;
    }

    public void Dispose() => _connection.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "cmap callback failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception);

    internal sealed class Connection : CorosyncConnection<SafeCmapHandle>
    {
        private readonly CmapMap _map;
        private readonly List<CmapTracker> _trackers = [];
        private readonly List<CmapTracker> _retired = [];
        private int _dispatching;

        public Connection(CmapMap map, ILogger logger)
            : base(map == CmapMap.Stats ? "cmap-stats" : "cmap", logger) => _map = map;

        public Request Begin() => BeginRequest();

        public void AddTracker(CmapTracker tracker)
        {
            lock (_trackers)
            {
                _trackers.Add(tracker);
            }

            using (var request = BeginRequest())
            {
                Arm(request.Handle, tracker);
            }

            if (Interlocked.Exchange(ref _dispatching, 1) == 0)
            {
                StartDispatch();
            }
        }

        public void RemoveTracker(CmapTracker tracker)
        {
            lock (_trackers)
            {
                _ = _trackers.Remove(tracker);
                _retired.Add(tracker);
            }

            try
            {
                using var request = BeginRequest();
                _ = request.Complete(Native.cmap_track_delete(request.Handle, tracker.TrackHandle));
            }
            catch (CorosyncException)
            {
                // Disconnected: the track died with the old handle and is not re-added.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private static unsafe void Arm(SafeCmapHandle handle, CmapTracker tracker)
        {
            var flags = CmapTrackFlags.Add | CmapTrackFlags.Delete | CmapTrackFlags.Modify | CmapTrackFlags.Prefix;
            Cs.Check(
                Native.cmap_track_add(handle, tracker.Prefix, flags, &OnNotify, (void*)tracker.Context, out var trackHandle),
                "cmap_track_add");
            tracker.TrackHandle = trackHandle;
        }

        protected override SafeCmapHandle Open()
        {
            var result = Native.cmap_initialize_map(out var handle, _map);
            if (result != CsError.Ok)
            {
                handle.Dispose();
                Cs.Check(result, "cmap_initialize_map");
            }

            return handle;
        }

        protected override void OnOpened(SafeCmapHandle handle)
        {
            CmapTracker[] trackers;
            lock (_trackers)
            {
                trackers = [.. _trackers];
            }

            foreach (var tracker in trackers)
            {
                Arm(handle, tracker);
            }
        }

        protected override void OnConnectionLost(CorosyncException reason)
        {
            lock (_trackers)
            {
                foreach (var tracker in _trackers)
                {
                    tracker.NotifyConnectionLost();
                }
            }
        }

        protected override CsError GetFd(SafeCmapHandle handle, out int fd) => Native.cmap_fd_get(handle, out fd);

        protected override CsError Dispatch(SafeCmapHandle handle) => Native.cmap_dispatch(handle, CsDispatchFlags.All);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                lock (_trackers)
                {
                    // The dispatch thread has stopped, so no callback can still resolve these contexts.
                    foreach (var tracker in _trackers.Concat(_retired))
                    {
                        tracker.Complete();
                        tracker.ReleaseContext();
                    }

                    _trackers.Clear();
                    _retired.Clear();
                }
            }
        }

        [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        private static unsafe void OnNotify(
            ulong handle, ulong trackHandle, int @event, byte* keyName, CmapNotifyValue newValue, CmapNotifyValue oldValue, void* userData)
        {
            if (CmapTracker.Resolve((nint)userData) is not { } tracker)
            {
                return;
            }

            try
            {
                var key = Marshal.PtrToStringUTF8((nint)keyName) ?? string.Empty;
                tracker.Publish(new CmapChange(key, (CmapChangeKind)@event, Decode(newValue), Decode(oldValue)));
            }
#pragma warning disable CA1031 // an exception must never unwind into native code
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(tracker.Logger, ex);
            }
        }

        private static unsafe object? Decode(CmapNotifyValue value) =>
            value.Type == CmapValueType.None || value.Data is null
                ? null
                : CmapValues.Decode(value.Type, new ReadOnlySpan<byte>(value.Data, (int)value.Length));

        internal ILogger Log => Logger;
    }
}

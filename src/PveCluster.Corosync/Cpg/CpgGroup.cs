using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PveCluster.Corosync.Cpg;

/// <summary>
/// A joined libcpg group. Messages and membership changes arrive in corosync's order through
/// <see cref="Events"/>. After a corosync restart the group reconnects with back-off and joins
/// again: a <see cref="CpgConnectionLost"/> precedes the next <see cref="CpgConfigurationChanged"/>.
/// </summary>
public sealed class CpgGroup : ICpgGroup
{
    /// <summary>cpg_name holds 128 bytes; corosync's tools keep one for a terminator.</summary>
    public const int MaxGroupNameBytes = 127;

    private readonly CpgConnection _connection;

    private CpgGroup(CpgConnection connection) => _connection = connection;

    /// <inheritdoc/>
    public string GroupName => _connection.GroupName;

    /// <inheritdoc/>
    public CpgMember Self => _connection.Self;

    /// <inheritdoc/>
    public ChannelReader<CpgEvent> Events => _connection.Events;

    /// <summary>
    /// Connects to corosync, joins <paramref name="groupName"/> (retrying TRY_AGAIN) and starts the
    /// dispatch thread. Throws <see cref="CorosyncException"/> with <see cref="CsError.Library"/>
    /// when corosync is not running; after this first success, restarts are handled internally.
    /// </summary>
    public static async Task<CpgGroup> JoinAsync(string groupName, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupName);
        if (Encoding.UTF8.GetByteCount(groupName) > MaxGroupNameBytes)
        {
            throw new ArgumentException($"CPG group name is longer than {MaxGroupNameBytes} bytes.", nameof(groupName));
        }

        var connection = await CpgConnection.JoinAsync(groupName, logger ?? NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        return new CpgGroup(connection);
    }

    /// <inheritdoc/>
    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        _connection.SendAsync(message, cancellationToken);

    /// <inheritdoc/>
    public Task RejoinAsync(CancellationToken cancellationToken) => _connection.RejoinAsync(cancellationToken);

    /// <summary>Leaves the group, stops the dispatch thread and finalizes the handle; <see cref="Events"/> completes.</summary>
    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Persistence;

namespace PveCluster.Cfs.Tree;

/// <summary>
/// Local mode (<c>pmxcfs -l</c>): the database is served without corosync and every change is
/// applied (and persisted) directly. Always writable.
/// </summary>
public sealed class LocalConfigTree : ConfigTreeBase
{
    private readonly uint _localNodeId;
    private readonly ILogger _logger;

    /// <param name="database">The opened database; the caller keeps ownership.</param>
    /// <param name="localNodeId">Recorded as the writer of every change (0 when unknown).</param>
    /// <param name="logger">Receives disk errors.</param>
    public LocalConfigTree(ConfigDatabase database, uint localNodeId = 0, ILogger? logger = null)
        : base(database)
    {
        _localNodeId = localNodeId;
        _logger = logger ?? NullLogger.Instance;
    }

    public override bool IsWritable => true;

    private protected override Task<CfsError> SubmitAsync(TreeOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Database.Apply(operation, _localNodeId, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        }
        catch (SqliteException e)
        {
            _logger.LogError(e, "cannot persist {Operation}; the tree is unchanged", operation.GetType().Name);
            return Task.FromResult(CfsError.IoError);
        }
        catch (ObjectDisposedException)
        {
            // The daemon is shutting down; the caller gets a plain I/O error, nothing was written.
            return Task.FromResult(CfsError.IoError);
        }
    }
}

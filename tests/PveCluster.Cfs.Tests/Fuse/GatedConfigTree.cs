using System.Text;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>
/// The real tree semantics (a <see cref="ConfigDatabase"/> on a temporary file) behind the two
/// things a cluster adds and a test must control: whether the tree is writable (quorum), and when
/// a submitted mutation is applied (ordering through corosync). Mutations complete on the thread
/// pool, as ordered operations do in a cluster.
/// </summary>
internal sealed class GatedConfigTree : ConfigTreeBase
{
    private readonly TempDirectory _directory;
    private readonly Lock _lock = new();
    private TaskCompletionSource? _hold;
    private int _submitted;
    private int _waiting;

    public GatedConfigTree()
        : this(new TempDirectory())
    {
    }

    private GatedConfigTree(TempDirectory directory)
        : base(directory.Open())
    {
        _directory = directory;
    }

    /// <summary>False: every mutation fails with <see cref="CfsError.AccessDenied"/>, as without quorum.</summary>
    public bool Writable { get; set; } = true;

    public override bool IsWritable => Writable;

    /// <summary>Mutations submitted so far (refused ones included, seeding excluded).</summary>
    public int MutationCount => Volatile.Read(ref _submitted);

    /// <summary>Mutations submitted and held by <see cref="HoldMutations"/>.</summary>
    public int WaitingCount => Volatile.Read(ref _waiting);

    public long MaxFileSize => Database.Limits.MaxFileSize;

    /// <summary>Holds every mutation submitted from now on until <see cref="ReleaseMutations"/>.</summary>
    public void HoldMutations()
    {
        lock (_lock)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseMutations()
    {
        TaskCompletionSource? hold;
        lock (_lock)
        {
            (hold, _hold) = (_hold, null);
        }
        hold?.TrySetResult();
    }

    /// <summary>Test setup shortcut: creates the missing parents and, with content, the file; applied at once.</summary>
    public void Seed(string path, string? content = null)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        for (var i = 0; i < parts.Length; i++)
        {
            current += "/" + parts[i];
            var isFile = i == parts.Length - 1 && content is not null;
            if (Database.GetEntry(current) is null)
            {
                Apply(isFile ? new CreateFileOperation(current, SeedTime) : new MakeDirectoryOperation(current, SeedTime));
            }
        }
        if (content is not null)
        {
            Apply(new TruncateOperation(path, 0, SeedTime));
            Apply(new WriteOperation(path, 0, Encoding.UTF8.GetBytes(content), SeedTime));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            ReleaseMutations();
            Database.Dispose();
            _directory.Dispose();
        }
    }

    private protected override Task<CfsError> SubmitAsync(TreeOperation operation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submitted);
        Task? hold;
        lock (_lock)
        {
            hold = _hold?.Task;
        }
        return Task.Run(async () =>
        {
            if (hold is not null)
            {
                Interlocked.Increment(ref _waiting);
                await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Decrement(ref _waiting);
            }
            return Writable ? Database.Apply(operation, 1, SeedTime) : CfsError.AccessDenied;
        }, cancellationToken);
    }

    private const long SeedTime = 1_700_000_000;

    private void Apply(TreeOperation operation)
    {
        var result = Database.Apply(operation, 1, SeedTime);
        if (result != CfsError.None)
        {
            throw new InvalidOperationException($"seeding {operation} failed: {result}");
        }
    }
}

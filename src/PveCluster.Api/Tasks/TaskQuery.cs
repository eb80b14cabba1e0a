namespace PveCluster.Api.Tasks;

/// <summary>Which tasks a task list shows (the filters of Proxmox's <c>GET /nodes/{node}/tasks</c>).</summary>
public sealed record TaskQuery
{
    public const int DefaultLimit = 50;

    public int Start { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Case-insensitive part of the user (Proxmox: <c>userfilter</c>).</summary>
    public string? User { get; init; }

    /// <summary>Exact task type (<c>typefilter</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Only tasks that did not end OK.</summary>
    public bool ErrorsOnly { get; init; }

    public TaskSource Source { get; init; } = TaskSource.Archive;

    /// <summary>Unix time; tasks started at or after it.</summary>
    public long? Since { get; init; }

    /// <summary>Unix time; tasks started at or before it.</summary>
    public long? Until { get; init; }
}

/// <summary>Proxmox's <c>source</c>: finished tasks (the archive), running ones (active), or both.</summary>
public enum TaskSource
{
    Archive,
    Active,
    All,
}

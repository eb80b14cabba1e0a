namespace PveCluster.Cfs.Hosting;

/// <summary>How this pmxcfs instance runs (from the command line).</summary>
internal sealed record CfsOptions
{
    public const string DefaultMountPoint = "/etc/pve";
    public const string DefaultCorosyncConf = "/etc/corosync/corosync.conf";

    /// <summary>Stay attached to the terminal instead of detaching into the background.</summary>
    public bool Foreground { get; init; }

    /// <summary>Serve the local database without corosync; writes are always allowed.</summary>
    public bool LocalMode { get; init; }

    /// <summary>Why this instance runs in local mode (-l, or no cluster configuration); null in cluster mode.</summary>
    public string? LocalModeReason { get; init; }

    /// <summary>True when this start created the database and copied the node's corosync.conf into it.</summary>
    public bool ImportedCorosyncConf { get; init; }

    /// <summary>Start with debug logging on (it can be switched later through .debug).</summary>
    public bool Debug { get; init; }

    public string MountPoint { get; init; } = DefaultMountPoint;

    public string DatabasePath { get; init; } = Persistence.ConfigDatabase.DefaultPath;

    /// <summary>This node's name in the tree (nodes/&lt;name&gt;); defaults to the short host name.</summary>
    public string NodeName { get; init; } = Hosting.NodeName.FromHostName(Environment.MachineName);

    /// <summary>The node-local corosync.conf that the cluster copy is installed into.</summary>
    public string LocalCorosyncConf { get; init; } = DefaultCorosyncConf;
}

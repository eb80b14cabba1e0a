using System.CommandLine;

namespace PveCluster.Cfs.Hosting;

/// <summary>The <c>pmxcfs</c> command line; maps the parsed options onto <see cref="CfsOptions"/>.</summary>
internal static class CfsCommandLine
{
    public static RootCommand Create(Func<CfsOptions, CancellationToken, Task<int>> run)
    {
        var foreground = new Option<bool>("--foreground", "-f") { Description = "Do not detach into the background." };
        var local = new Option<bool>("--local", "-l")
        {
            Description = "Local mode: serve the local database without corosync; writes are always allowed.",
        };
        var debug = new Option<bool>("--debug", "-d") { Description = "Turn on debug logging (also switchable through .debug)." };
        var mountPoint = new Option<string>("--mountpoint")
        {
            Description = "Where to mount the file system.",
            DefaultValueFactory = _ => CfsOptions.DefaultMountPoint,
        };
        var database = new Option<string>("--db")
        {
            Description = "The SQLite database holding the tree.",
            DefaultValueFactory = _ => Persistence.ConfigDatabase.DefaultPath,
        };
        var nodeName = new Option<string>("--nodename")
        {
            Description = "This node's name (default: the host name up to the first dot). For labs that share one host name.",
            DefaultValueFactory = _ => NodeName.FromHostName(Environment.MachineName),
        };
        var corosyncConf = new Option<string>("--corosync-conf")
        {
            Description = "The node-local corosync.conf the cluster copy is installed into.",
            DefaultValueFactory = _ => CfsOptions.DefaultCorosyncConf,
        };

        var command = new RootCommand("pmxcfs: the replicated cluster configuration file system (mounted at /etc/pve).")
        {
            foreground, local, debug, mountPoint, database, nodeName, corosyncConf,
        };
        nodeName.Validators.Add(result =>
        {
            if (NodeName.Validate(result.GetValueOrDefault<string>() ?? "") is { } problem)
                result.AddError(problem);
        });
        command.SetAction((result, cancellationToken) => run(
            new CfsOptions
            {
                Foreground = result.GetValue(foreground),
                LocalMode = result.GetValue(local),
                Debug = result.GetValue(debug),
                MountPoint = Path.GetFullPath(result.GetValue(mountPoint)!),
                DatabasePath = Path.GetFullPath(result.GetValue(database)!),
                NodeName = result.GetValue(nodeName)!,
                LocalCorosyncConf = Path.GetFullPath(result.GetValue(corosyncConf)!),
            },
            cancellationToken));
        return command;
    }
}

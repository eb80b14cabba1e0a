using System.CommandLine;
using PveCluster.Cfs.Hosting;

// Before anything touches the disk: the database and its side files hold every secret of the cluster.
_ = OwnerOnlyFileCreation.Apply();

// pmxcfs [-f|--foreground] [-l|--local] [-d|--debug] [--mountpoint DIR] [--db FILE] [--nodename NAME] [--corosync-conf FILE]
// The host handles SIGTERM/SIGINT itself (clean unmount), so System.CommandLine must not.
var command = CfsCommandLine.Create(CfsHost.RunAsync);
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

using System.CommandLine;

namespace PveCluster.Cli;

/// <summary>Builds the pvecm command tree and runs it.</summary>
public static class PvecmApp
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Proxmox VE cluster manager: create, join and inspect a corosync cluster.");
        return root.Parse(args).Invoke();
    }
}

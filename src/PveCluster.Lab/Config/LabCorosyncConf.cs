using PveCluster.Core.CorosyncConf;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;

namespace PveCluster.Lab.Config;

/// <summary>
/// The corosync.conf every lab node gets: built with the product's own writer, the way `pvecm create`
/// and `pvecm add` would build it, plus what a lab needs on top (token, a log file, no syslog here).
/// </summary>
public static class LabCorosyncConf
{
    public const string LogFile = "/var/log/corosync/corosync.log";

    public static string Render(LabOptions options, LabAddressing addressing, int configVersion)
    {
        try
        {
            return Build(options, addressing, configVersion).Write();
        }
        catch (CorosyncConfEditException e)
        {
            throw new LabException($"cannot build corosync.conf: {e.Message}", e);
        }
    }

    private static CorosyncConfig Build(LabOptions options, LabAddressing addressing, int configVersion)
    {
        var links = Enumerable.Range(0, options.Links)
            .Select(link => new InitialLink(link, addressing.Node(1, link).ToString(), options.LinkPriorities?[link]))
            .ToList();
        var config = CorosyncConfFactory.CreateInitial(options.ClusterName, LabNames.NodeName(1), links, nodeId: 1);
        for (var node = 2; node <= options.NodeCount; node++)
        {
            var addresses = Enumerable.Range(0, options.Links).ToDictionary(link => link, link => addressing.Node(node, link).ToString());
            config = CorosyncConfEditor.AddNode(config, LabNames.NodeName(node), addresses, nodeId: (ulong)node);
        }

        var totem = config.Totem ?? throw new InvalidOperationException("the factory always writes a totem section");
        totem.ConfigVersion = (ulong)configVersion;
        totem.Token = options.TokenMs;
        if (options.TwoNode is { } twoNode && config.Quorum is { } quorum)
        {
            quorum.TwoNode = twoNode ? true : null;
        }

        // No syslog daemon in the lab: log to a file per node, with hires stamps for timing work.
        var logging = config.Root.GetOrAddSection(CorosyncConfig.LoggingSection);
        logging.SetValue("to_syslog", "no");
        logging.SetValue("to_stderr", "no");
        logging.SetValue("to_logfile", "yes");
        logging.SetValue("logfile", LogFile);
        logging.SetValue("timestamp", "hires");
        return config;
    }
}

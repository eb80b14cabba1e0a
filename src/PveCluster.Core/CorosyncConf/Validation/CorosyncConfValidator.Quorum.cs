namespace PveCluster.Core.CorosyncConf;

public static partial class CorosyncConfValidator
{
    private const string QuorumPath = "quorum";

    private static void ValidateQuorum(ConfSection quorum, List<NodeFacts> nodes, DiagnosticBag bag)
    {
        var provider = quorum.FindLastValue("provider");
        if (provider is null)
        {
            bag.Error($"quorum.provider is missing; it must be '{QuorumView.VotequorumProvider}'.", quorum);
        }
        else if (provider.Value != QuorumView.VotequorumProvider)
        {
            bag.Error($"quorum.provider is '{provider.Value}' but must be '{QuorumView.VotequorumProvider}'.", provider);
        }

        bag.CheckUnsigned(quorum, QuorumPath, "expected_votes", "votes", "last_man_standing_window", "leaving_timeout");
        bag.CheckFlag(quorum, QuorumPath, "two_node", "wait_for_all", "last_man_standing", "auto_tie_breaker", "allow_downscale");

        var devices = quorum.Sections(QuorumDeviceView.SectionName).ToList();
        if (devices.Count > 1)
        {
            bag.Error($"quorum has {devices.Count} 'device' sections; at most one quorum device is possible.", devices[1]);
        }

        var twoNode = quorum.FindLastValue("two_node");
        if (twoNode?.Value == "1")
        {
            if (nodes.Count != 2)
            {
                bag.Error($"quorum.two_node is 1 but the cluster has {nodes.Count} node(s); two_node is only for exactly 2 nodes.", twoNode);
            }

            if (devices.Count > 0)
            {
                bag.Error("quorum.two_node must not be set together with a quorum device; the device provides the tie-breaking vote.",
                    twoNode);
            }
        }

        if (devices.Count > 0)
        {
            ValidateDevice(devices[0], nodes, bag);
        }
    }

    private static void ValidateDevice(ConfSection device, List<NodeFacts> nodes, DiagnosticBag bag)
    {
        const string Path = "quorum.device";
        bag.CheckUnsigned(device, Path, "votes", "timeout", "sync_timeout");
        var model = device.FindLastValue("model");
        if (model is null)
        {
            bag.Error("quorum.device has no model; use 'model: net' (corosync-qnetd).", device);
            return;
        }

        if (model.Value != QuorumDeviceView.NetModel)
        {
            bag.Error($"quorum.device.model is '{model.Value}'; only 'net' (corosync-qnetd) is supported.", model);
            return;
        }

        if (nodes.Count % 2 == 1)
        {
            bag.Warning($"A quorum device with an odd number of nodes ({nodes.Count}) is discouraged: it gets {nodes.Count - 1} votes "
                + "and becomes almost a single point of failure.", device);
        }

        var net = device.GetSection(QdeviceNetView.SectionName);
        if (net is null)
        {
            bag.Error("quorum.device with model net needs a 'net' section with host and algorithm.", device);
            return;
        }

        const string NetPath = "quorum.device.net";
        if (net.FindLastValue("host") is not { Value.Length: > 0 })
        {
            bag.Error("quorum.device.net.host is missing; set it to the address of the corosync-qnetd server.", net);
        }

        var algorithm = net.FindLastValue("algorithm");
        if (algorithm is null)
        {
            bag.Error("quorum.device.net.algorithm is missing; use 'ffsplit' or 'lms'.", net);
        }
        else
        {
            bag.CheckOneOf(net, NetPath, "algorithm", "ffsplit", "lms");
        }

        bag.CheckOneOf(net, NetPath, "tls", "on", "off", "required");
        CheckTieBreaker(net, nodes, bag);
    }

    private static void CheckTieBreaker(ConfSection net, List<NodeFacts> nodes, DiagnosticBag bag)
    {
        var tieBreaker = net.FindLastValue("tie_breaker");
        if (tieBreaker is null || tieBreaker.Value is "lowest" or "highest")
        {
            return;
        }

        if (!ConfValues.TryParseUnsigned(tieBreaker.Value, out var nodeId))
        {
            bag.Error($"quorum.device.net.tie_breaker is '{tieBreaker.Value}' but must be 'lowest', 'highest' or a node id.", tieBreaker);
        }
        else if (nodes.All(n => n.NodeId != nodeId))
        {
            bag.Warning($"quorum.device.net.tie_breaker names node id {nodeId}, which is not in the nodelist.", tieBreaker);
        }
    }
}

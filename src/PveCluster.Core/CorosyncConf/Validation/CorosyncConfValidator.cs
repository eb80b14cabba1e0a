namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Checks a whole corosync.conf the way a Proxmox cluster needs it, beyond plain syntax:
/// required sections and keys, node identity, link consistency and quorum settings.
/// Returns every finding instead of stopping at the first, so an admin can fix a file in one pass.
/// </summary>
public static partial class CorosyncConfValidator
{
    public static IReadOnlyList<ConfDiagnostic> Validate(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bag = new DiagnosticBag();
        var root = config.Root;

        var totem = bag.RequireSingle(root, CorosyncConfig.TotemSection, "holds the cluster name, config_version and links");
        var nodelist = bag.RequireSingle(root, CorosyncConfig.NodelistSection, "lists the cluster nodes");
        var quorum = bag.RequireSingle(root, CorosyncConfig.QuorumSection, "selects the quorum provider");

        var declaredLinks = totem is null ? null : ValidateTotem(totem, bag);
        var nodes = nodelist is null ? [] : ValidateNodes(nodelist, bag);
        if (declaredLinks is not null && nodelist is not null)
        {
            ValidateLinkDeclarations(declaredLinks, nodes, nodelist, bag);
        }

        if (quorum is not null)
        {
            ValidateQuorum(quorum, nodes, bag);
        }

        return bag.Items;
    }

    /// <summary>True when <paramref name="diagnostics"/> contains no error (warnings allowed).</summary>
    public static bool IsValid(IEnumerable<ConfDiagnostic> diagnostics) =>
        diagnostics?.All(d => d.Severity != ConfSeverity.Error) ?? throw new ArgumentNullException(nameof(diagnostics));
}

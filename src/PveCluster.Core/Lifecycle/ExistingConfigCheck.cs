using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>Runs the corosync.conf validator on the config a plan would edit; its errors refuse the plan.</summary>
internal static class ExistingConfigCheck
{
    /// <summary>Returns false when the config has errors (each reported), so the plan stops before editing it.</summary>
    public static bool IsUsable(CorosyncConfig config, PlanBuilder plan)
    {
        var diagnostics = CorosyncConfValidator.Validate(config);
        foreach (var diagnostic in diagnostics)
        {
            var text = $"current corosync.conf: {diagnostic}";
            if (diagnostic.Severity == ConfSeverity.Error)
            {
                plan.Error(text);
            }
            else
            {
                plan.Warning(text);
            }
        }

        return CorosyncConfValidator.IsValid(diagnostics);
    }

    /// <summary>The links the cluster uses: totem interfaces plus every node's ringN_addr.</summary>
    public static IReadOnlyCollection<int> ClusterLinks(CorosyncConfig config) => EditGuards.UsedLinks(config);

    public static string VersionChange(CorosyncConfig before, CorosyncConfig after) =>
        $"config_version {before.Totem?.ConfigVersion} -> {after.Totem?.ConfigVersion}";
}

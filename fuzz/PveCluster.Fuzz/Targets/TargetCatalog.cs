using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>Every fuzz target by name. Targets are created fresh per run (the FUSE target owns a scratch database).</summary>
internal static class TargetCatalog
{
    private static readonly Dictionary<string, Func<FuzzTarget>> Factories = new(StringComparer.Ordinal)
    {
        ["corosync-conf"] = () => new CorosyncConfTarget(),
        ["datacenter-cfg"] = () => new DatacenterCfgTarget(),
        ["join-info"] = () => new JoinInfoTarget(),
        ["link-spec"] = () => new LinkSpecTarget(),
        ["api-parameters"] = () => new ApiParametersTarget(),
        ["cpg-message"] = () => new CpgMessageTarget(),
        ["cluster-log"] = () => new ClusterLogTarget(),
        ["fuse-path"] = () => new FusePathTarget(),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    public static bool Exists(string name) => Factories.ContainsKey(name);

    public static FuzzTarget Create(string name) =>
        Factories.TryGetValue(name, out var factory) ? factory() : throw new ArgumentException($"unknown fuzz target '{name}'", nameof(name));
}

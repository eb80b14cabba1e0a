using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Pvecm;

/// <summary>Runs the published pvecm (from $PVE_ARTIFACTS, by full path) inside lab nodes.</summary>
public sealed class PvecmRunner
{
    private readonly LabCluster _lab;
    private readonly string _pvecm;

    public PvecmRunner(LabCluster lab)
    {
        _lab = lab;
        _pvecm = LabRequirements.PublishedPvecm() ?? throw new InvalidOperationException(LabRequirements.MissingReason(needsPvecm: true));
    }

    public Task<CommandResult> RunAsync(int node, params string[] arguments) =>
        _lab.ExecAsync(node, [_pvecm, .. arguments], CancellationToken.None);

    public async Task<PvecmQuorumDocument> StatusAsync(int node)
    {
        var result = (await RunAsync(node, "status", "--output-format", "json")).EnsureSuccess();
        return PvecmJson.Parse<PvecmStatusDocument>(result.StandardOutput).Quorum;
    }

    public async Task<IReadOnlyList<PvecmMemberDocument>> NodesAsync(int node)
    {
        var result = (await RunAsync(node, "nodes", "--output-format", "json")).EnsureSuccess();
        return PvecmJson.Parse<List<PvecmMemberDocument>>(result.StandardOutput);
    }

    /// <summary>Polls `pvecm status` on the given nodes until every one matches <paramref name="shape"/>.</summary>
    public Task<IReadOnlyList<PvecmQuorumDocument>> WaitForAsync(IEnumerable<int> nodes, Func<PvecmQuorumDocument, bool> shape, string what)
    {
        var list = nodes.ToList();
        return Polling.UntilAsync<IReadOnlyList<PvecmQuorumDocument>>(
            async ct =>
            {
                var views = new List<PvecmQuorumDocument>();
                foreach (var node in list)
                {
                    views.Add(await StatusAsync(node));
                }
                return views;
            },
            views => views.All(shape),
            ClusterWait.ChangeTimeout,
            $"pvecm status on nodes {string.Join(",", list)}: {what}",
            CancellationToken.None);
    }
}

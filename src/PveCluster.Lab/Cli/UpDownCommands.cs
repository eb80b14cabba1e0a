using System.CommandLine;

namespace PveCluster.Lab.Cli;

/// <summary>`up` and `down`.</summary>
internal static class UpDownCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Up(context);
        yield return Down(context);
    }

    private static Command Up(CliContext context)
    {
        var nodes = new Argument<int>("N") { Description = "Number of nodes (1..99)" };
        var links = new Option<int>("--links") { Description = "knet links per node (1 or 2)", DefaultValueFactory = _ => 1 };
        var prio = new Option<string?>("--prio") { Description = "knet_link_priority per link, e.g. 20,15 (knet uses the HIGHEST number)" };
        var token = new Option<int?>("--token") { Description = "totem token timeout in ms (corosync default 3000)" };
        var twoNode = new Option<int?>("--two-node") { Description = "quorum.two_node 0|1 (default: not written, as pvecm does; 1 lets both halves of a split 2-node cluster stay quorate)" };
        var cluster = new Option<string>("--cluster") { Description = "cluster_name", DefaultValueFactory = _ => "labcluster" };
        var noStart = new Option<bool>("--no-start") { Description = "Create namespaces and config but start no daemon" };
        var standalone = new Option<bool>("--standalone", "--no-cluster")
        {
            Description = "Fresh hosts: no corosync.conf/authkey, no corosync; ready for `pvecm create` and `pvecm add`",
        };
        var rootPassword = new Option<string>("--root-password")
        {
            Description = "root's password inside the nodes (PAM, API login, pvecm add)",
            DefaultValueFactory = _ => LabOptions.DefaultRootPassword,
        };
        var noPveServices = new Option<bool>("--no-pve-services") { Description = "Do not start pmxcfs, pvedaemon and pveproxy" };
        var qnetd = new Option<bool>("--qnetd") { Description = "Add a non-member host 'qnetd' (.100 on link0) running sshd and corosync-qnetd, for pvecm qdevice setup" };
        var artifacts = new Option<string?>("--artifacts") { Description = $"Published binaries dir put on PATH in nodes (default ${LabCluster.ArtifactsVariable} or <repo>/artifacts/bin)" };
        var command = new Command("up", "Create a lab of N nodes (clustered, or --standalone fresh hosts) and boot them; prints the lab id")
        {
            nodes, links, prio, token, twoNode, cluster, noStart, standalone, rootPassword, noPveServices, artifacts, qnetd,
        };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var twoNodeValue = parseResult.GetValue(twoNode);
            var options = new LabOptions
            {
                NodeCount = parseResult.GetValue(nodes),
                Links = parseResult.GetValue(links),
                LinkPriorities = ParsePriorities(parseResult.GetValue(prio)),
                TokenMs = parseResult.GetValue(token),
                TwoNode = twoNodeValue switch
                {
                    null => null,
                    0 => false,
                    1 => true,
                    _ => throw new LabException($"--two-node must be 0 or 1, got {twoNodeValue}"),
                },
                ClusterName = parseResult.GetValue(cluster) ?? "labcluster",
                StartCorosync = !parseResult.GetValue(noStart),
                Standalone = parseResult.GetValue(standalone),
                StartPveServices = !parseResult.GetValue(noPveServices),
                RootPassword = parseResult.GetValue(rootPassword) ?? LabOptions.DefaultRootPassword,
                ArtifactsDirectory = parseResult.GetValue(artifacts),
                Qnetd = parseResult.GetValue(qnetd),
            };
            var lab = await LabCluster.CreateAsync(options, context.CreateLogger(parseResult), cancellationToken).ConfigureAwait(false);
            foreach (var node in lab.Nodes)
            {
                await Console.Error.WriteLineAsync(
                    $"  n{node}: {string.Join(", ", Enumerable.Range(0, options.Links).Select(l => lab.Addressing.Node(node, l)))}")
                    .ConfigureAwait(false);
            }
            if (lab.QnetdAddress is { } qnetdAddress)
            {
                await Console.Error.WriteLineAsync($"  qnetd (host {Naming.LabNames.QnetdHost}): {qnetdAddress}").ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync($"  host: {lab.Addressing.Host(0)}; select this lab with --lab {lab.Id} or {LabCluster.LabIdVariable}={lab.Id}")
                .ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"  root password in every node: {options.RootPassword}").ConfigureAwait(false);
            if (lab.ServiceProcess(1, Services.ServiceNames.PveProxy) is not null)
            {
                await Console.Error.WriteLineAsync($"  API/GUI: https://{lab.Addressing.Node(1, 0)}:8006 (root@pam / {options.RootPassword})").ConfigureAwait(false);
            }
            else
            {
                await Console.Error.WriteLineAsync("  API: not running (see the warnings above)").ConfigureAwait(false);
            }
            Console.WriteLine(lab.Id);
            return 0;
        }));
        return command;
    }

    private static Command Down(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Remove every pvelab lab on this machine" };
        var command = new Command("down", "Stop the lab's daemons and remove everything it created") { all };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var logger = context.CreateLogger(parseResult);
            if (parseResult.GetValue(all))
            {
                await LabCluster.DownAllAsync(logger, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.OpenLab(parseResult, logger).DownAsync(cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }

    private static List<int>? ParsePriorities(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return text.Split(',').Select(part =>
            int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new LabException($"--prio: '{part}' is not a number (expected e.g. 20,15)")).ToList();
    }
}

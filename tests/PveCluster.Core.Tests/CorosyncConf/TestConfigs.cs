using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

/// <summary>Known-good configurations the tests start from, plus fixture loading.</summary>
internal static class TestConfigs
{
    public const string ThreeNodes = """
        logging {
          to_syslog: yes
        }

        nodelist {
          node {
            name: alpha
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: beta
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.0.0.2
          }
          node {
            name: gamma
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 10.0.0.3
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: test
          config_version: 7
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
          interface {
            linknumber: 0
          }
        }

        """;

    public static CorosyncConfig Parse(string text) => CorosyncConfig.Parse(text);

    public static CorosyncConfig Three() => Parse(ThreeNodes);

    /// <summary>The base config with one exact text replacement (which must match).</summary>
    public static CorosyncConfig ThreeWith(string find, string replace)
    {
        Assert.Contains(find, ThreeNodes, StringComparison.Ordinal);
        return Parse(ThreeNodes.Replace(find, replace, StringComparison.Ordinal));
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "corosync", name);

    public static string ReadFixture(string name) => File.ReadAllText(FixturePath(name));

    public static IReadOnlyList<ConfDiagnostic> Errors(CorosyncConfig config) =>
        [.. CorosyncConfValidator.Validate(config).Where(d => d.Severity == ConfSeverity.Error)];

    public static IReadOnlyList<ConfDiagnostic> Warnings(CorosyncConfig config) =>
        [.. CorosyncConfValidator.Validate(config).Where(d => d.Severity == ConfSeverity.Warning)];
}

using System.Text;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>Every entry below some directories of a node's /etc/pve with its state, read in one pass inside the node.</summary>
public sealed record NodeTree(int Node, bool Readable, string Error, IReadOnlyDictionary<string, PathState> Entries)
{
    // Prints "d<TAB>path" and "f<TAB>path<TAB>hex(content)", depth first in name order; any error fails it.
    private const string Script = """
        sub walk {
            my ($dir) = @_;
            opendir(my $h, $dir) or die "$dir: $!\n";
            my @names = sort grep { $_ ne '.' && $_ ne '..' } readdir($h);
            closedir($h);
            for my $name (@names) {
                my $path = "$dir/$name";
                if (-d $path) { print "d\t$path\n"; walk($path); next; }
                open(my $f, '<', $path) or die "$path: $!\n";
                local $/;
                my $content = <$f> // '';
                close($f) or die "$path: $!\n";
                print "f\t$path\t", unpack('H*', $content), "\n";
            }
        }
        walk($_) for @ARGV;
        """;

    public static async Task<NodeTree> ReadAsync(PmxcfsCluster cluster, int node, IEnumerable<string> roots, CancellationToken cancellationToken)
    {
        var result = await cluster.Lab.ExecAsync(node, ["perl", "-e", Script, .. roots], cancellationToken);
        if (!result.Succeeded)
        {
            return new NodeTree(node, false, $"exit {result.ExitCode}: {result.StandardError.Trim()}", new Dictionary<string, PathState>());
        }
        var entries = new Dictionary<string, PathState>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            entries[fields[1]] = fields[0] == "d"
                ? PathState.Directory
                : PathState.File(Encoding.UTF8.GetString(Convert.FromHexString(fields.Length > 2 ? fields[2] : "")));
        }
        return new NodeTree(node, true, "", entries);
    }

    public PathState this[string path] => Entries.TryGetValue(path, out var state) ? state : PathState.Absent;

    /// <summary>Same entries with the same states (which node it was read on does not matter).</summary>
    public bool SameAs(NodeTree other) =>
        Readable && other.Readable && Entries.Count == other.Entries.Count
        && Entries.All(e => other.Entries.TryGetValue(e.Key, out var state) && state == e.Value);
}

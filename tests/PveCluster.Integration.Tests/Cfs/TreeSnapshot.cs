namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// A node's view of a directory in /etc/pve: the sorted recursive listing (type and path) followed by
/// the sha256 of every file. Two nodes hold the same tree exactly when their snapshots are equal.
/// </summary>
public sealed record TreeSnapshot(int Node, bool Readable, string Text)
{
    // Top-level dot entries are generated per node (.members, .vmlist, ...), and the top-level
    // symlinks point into the node's own directory: both differ by design, so they are left out.
    private const string Script = """
        cd "$1" || exit 1
        find . -mindepth 1 ! -path './.*' ! \( -type l -path './*' ! -path './*/*' \) -printf '%y %p\n' | LC_ALL=C sort || exit 1
        find . -mindepth 1 ! -path './.*' -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum || exit 1
        """;

    public static async Task<TreeSnapshot> TakeAsync(PmxcfsCluster cluster, int node, string directory, CancellationToken cancellationToken)
    {
        var result = await cluster.Lab.ExecAsync(node, ["sh", "-c", Script, "sh", directory], cancellationToken);
        return result.Succeeded
            ? new TreeSnapshot(node, Readable: true, result.StandardOutput)
            : new TreeSnapshot(node, Readable: false, $"unreadable (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }

    /// <summary>Lines of the listing part ("f ./path", "d ./path").</summary>
    public IEnumerable<string> Entries => Text.Split('\n').Where(l => l.Length > 2 && l[1] == ' ' && l[0] is 'f' or 'd' or 'l');

    // Equality is about the tree, not about which node it was taken on.
    public bool Equals(TreeSnapshot? other) => other is not null && Readable == other.Readable && Text == other.Text;

    public override int GetHashCode() => HashCode.Combine(Readable, Text);

    public override string ToString() => $"n{Node}: {(Text.Length > 600 ? Text[..600] + "..." : Text)}";
}

namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// One entry of a corosync.conf section: a <see cref="ConfValue"/> or a nested <see cref="ConfSection"/>.
/// Full-line comments written directly above an entry belong to it, so they move and survive with it.
/// </summary>
public abstract class ConfItem
{
    private readonly List<string> _comments = [];

    private protected ConfItem(int? line) => Line = line;

    /// <summary>Comment lines above this item, each without its leading <c>#</c>.</summary>
    public IReadOnlyList<string> Comments => _comments;

    /// <summary>1-based source line, or null for items created in code.</summary>
    public int? Line { get; }

    /// <summary>Deep copy; the copy keeps the source line numbers.</summary>
    public abstract ConfItem DeepClone();

    /// <summary>Structural equality: keys, values, names, comments and order; line numbers are ignored.</summary>
    public abstract bool SameContentAs(ConfItem other);

    /// <summary>Adds a comment line (text after the <c>#</c>) and checks it stays on one line.</summary>
    public void AddComment(string text)
    {
        ConfSyntax.EnsureCommentText(text);
        _comments.Add(text);
    }

    public void ClearComments() => _comments.Clear();

    private protected void CopyCommentsTo(ConfItem target) => target._comments.AddRange(_comments);

    private protected bool SameCommentsAs(ConfItem other) => _comments.SequenceEqual(other._comments, StringComparer.Ordinal);
}

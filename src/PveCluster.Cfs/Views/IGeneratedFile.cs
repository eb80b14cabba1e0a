using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>
/// A file at the top of the mount whose content the daemon computes on every open instead of
/// storing it in the tree (.members, .vmlist, ...). Generated files exist only on this node.
/// </summary>
internal interface IGeneratedFile
{
    /// <summary>The name in the mount root, including the leading dot.</summary>
    string Name { get; }

    /// <summary>Permission bits (0440 for read-only views, 0640 for switches).</summary>
    uint Permissions { get; }

    /// <summary>True for switches that accept writes (.debug); views are read-only.</summary>
    bool IsWritable { get; }

    /// <summary>The current content. Called on open and getattr, so it must be cheap and thread-safe.</summary>
    byte[] Render();

    /// <summary>Accepts a write of the whole new content; read-only views return <see cref="CfsError.AccessDenied"/>.</summary>
    CfsError Write(ReadOnlySpan<byte> content);
}

using System.Text;

namespace PveCluster.Cfs.Tree;

/// <summary>Validation and splitting of tree paths ("/a/b"); the root is "/".</summary>
internal static class TreePath
{
    public const string Root = "/";

    /// <summary>Splits a path into components, or returns an error for a malformed path.</summary>
    public static CfsError TrySplit(string path, int maxNameLength, out string[] components)
    {
        components = [];
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return CfsError.InvalidArgument;
        }

        if (path == Root)
        {
            return CfsError.None;
        }

        var parts = path[1..].Split('/');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == ".." || part.Contains('\0', StringComparison.Ordinal))
            {
                return CfsError.InvalidArgument;
            }

            if (Encoding.UTF8.GetByteCount(part) > maxNameLength)
            {
                return CfsError.NameTooLong;
            }
        }

        components = parts;
        return CfsError.None;
    }

    public static string Combine(string parent, string name) => parent == Root ? Root + name : parent + "/" + name;
}

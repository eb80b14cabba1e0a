namespace PveCluster.Cfs.Views;

/// <summary>
/// Everything the daemon layers on top of the stored tree, all in the mount root. A generated name
/// hides a stored entry of the same name, which keeps the views authoritative even if an old
/// database carries such a file.
/// </summary>
internal sealed class GeneratedEntries
{
    private readonly Dictionary<string, IGeneratedFile> _files;
    private readonly Dictionary<string, GeneratedLink> _links;

    public GeneratedEntries(IEnumerable<IGeneratedFile> files, IEnumerable<GeneratedLink> links)
    {
        _files = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _links = links.ToDictionary(l => l.Name, StringComparer.Ordinal);
        var clash = _files.Keys.Intersect(_links.Keys, StringComparer.Ordinal).FirstOrDefault();
        if (clash is not null)
            throw new ArgumentException($"generated name '{clash}' is both a file and a link", nameof(links));
    }

    public static GeneratedEntries Empty { get; } = new([], []);

    /// <summary>Generated names in a stable order for readdir.</summary>
    public IEnumerable<string> Names => _links.Keys.Concat(_files.Keys).Order(StringComparer.Ordinal);

    /// <summary>The generated file at an absolute mount path ("/.members"), if any.</summary>
    public IGeneratedFile? FindFile(string path) =>
        TopLevelName(path) is { } name && _files.TryGetValue(name, out var file) ? file : null;

    public GeneratedLink? FindLink(string path) =>
        TopLevelName(path) is { } name && _links.TryGetValue(name, out var link) ? link : null;

    public bool Contains(string path) => FindFile(path) is not null || FindLink(path) is not null;

    private static string? TopLevelName(string path) =>
        path.Length > 1 && path[0] == '/' && path.IndexOf('/', 1) < 0 ? path[1..] : null;
}

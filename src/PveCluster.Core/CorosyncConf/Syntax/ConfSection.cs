namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// A <c>name { ... }</c> block, or the whole file when it is the root (empty name).
/// Items keep their file order; unknown keys and sections are kept as they are.
/// </summary>
public sealed class ConfSection : ConfItem
{
    private readonly List<ConfItem> _items = [];
    private readonly List<string> _trailingComments = [];

    /// <exception cref="ArgumentException">The name cannot be written as a corosync.conf section header.</exception>
    public ConfSection(string name, int? line = null)
        : base(line)
    {
        ConfSyntax.EnsureSectionName(name);
        Name = name;
    }

    private ConfSection(int? line)
        : base(line) => Name = "";

    /// <summary>A new, empty file (the unnamed top level).</summary>
    public static ConfSection CreateRoot() => new((int?)null);

    public string Name { get; }

    public bool IsRoot => Name.Length == 0;

    public IList<ConfItem> Items => _items;

    /// <summary>Comment lines after the last item (before the closing brace, or at the end of the file).</summary>
    public IReadOnlyList<string> TrailingComments => _trailingComments;

    /// <summary>Line of the closing brace, when parsed.</summary>
    public int? EndLine { get; internal set; }

    /// <summary>Value of the last occurrence of <paramref name="key"/> (corosync lets a later line win), or null.</summary>
    public string? GetValue(string key) => FindLastValue(key)?.Value;

    /// <summary>The last <c>key: value</c> item named <paramref name="key"/>, or null.</summary>
    public ConfValue? FindLastValue(string key) =>
        _items.OfType<ConfValue>().LastOrDefault(v => string.Equals(v.Key, key, StringComparison.Ordinal));

    public IEnumerable<ConfValue> Values(string key) =>
        _items.OfType<ConfValue>().Where(v => string.Equals(v.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// Sets the value of the last occurrence of <paramref name="key"/>; a new key goes after the
    /// existing values and before the first subsection, where people expect it.
    /// </summary>
    public ConfValue SetValue(string key, string value)
    {
        var existing = FindLastValue(key);
        if (existing is not null)
        {
            existing.Value = value;
            return existing;
        }

        var created = new ConfValue(key, value);
        var lastValueIndex = _items.FindLastIndex(i => i is ConfValue);
        var firstSectionIndex = _items.FindIndex(i => i is ConfSection);
        var insertAt = lastValueIndex >= 0 ? lastValueIndex + 1 : firstSectionIndex >= 0 ? firstSectionIndex : _items.Count;
        _items.Insert(insertAt, created);
        return created;
    }

    /// <summary>Removes every occurrence of <paramref name="key"/>; returns how many were removed.</summary>
    public int RemoveValues(string key) =>
        _items.RemoveAll(i => i is ConfValue v && string.Equals(v.Key, key, StringComparison.Ordinal));

    public ConfSection? GetSection(string name) => Sections(name).FirstOrDefault();

    public IEnumerable<ConfSection> Sections(string name) =>
        _items.OfType<ConfSection>().Where(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    public ConfSection GetOrAddSection(string name) => GetSection(name) ?? AddSection(name);

    /// <summary>Appends a new subsection at the end of this section.</summary>
    public ConfSection AddSection(string name)
    {
        var section = new ConfSection(name);
        _items.Add(section);
        return section;
    }

    /// <summary>Removes every subsection named <paramref name="name"/>; returns how many were removed.</summary>
    public int RemoveSections(string name) =>
        _items.RemoveAll(i => i is ConfSection s && string.Equals(s.Name, name, StringComparison.Ordinal));

    public bool Remove(ConfItem item) => _items.Remove(item);

    public void AddTrailingComment(string text)
    {
        ConfSyntax.EnsureCommentText(text);
        _trailingComments.Add(text);
    }

    public override ConfItem DeepClone() => CloneSection();

    /// <summary>Typed <see cref="DeepClone"/>.</summary>
    public ConfSection CloneSection()
    {
        var copy = IsRoot ? new ConfSection(Line) : new ConfSection(Name, Line);
        copy.EndLine = EndLine;
        CopyCommentsTo(copy);
        copy._trailingComments.AddRange(_trailingComments);
        foreach (var item in _items)
        {
            copy._items.Add(item.DeepClone());
        }

        return copy;
    }

    public override bool SameContentAs(ConfItem other)
    {
        if (other is not ConfSection s
            || !string.Equals(Name, s.Name, StringComparison.Ordinal)
            || !SameCommentsAs(s)
            || !_trailingComments.SequenceEqual(s._trailingComments, StringComparer.Ordinal)
            || _items.Count != s._items.Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (!_items[i].SameContentAs(s._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => IsRoot ? "(root)" : $"{Name} {{ {_items.Count} items }}";
}

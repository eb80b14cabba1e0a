using System.Collections;

namespace PveCluster.Core.Links;

/// <summary>
/// The links of one node, ordered by link number. Refuses two links with the same number and two
/// links with the same address (knet needs a distinct path per link, and Proxmox rejects it too).
/// </summary>
public sealed class LinkSet : IReadOnlyCollection<LinkSpec>
{
    private readonly SortedDictionary<int, LinkSpec> _byNumber;

    private LinkSet(SortedDictionary<int, LinkSpec> byNumber)
    {
        _byNumber = byNumber;
    }

    /// <summary>A set with no links (corosync then uses the address the node name resolves to).</summary>
    public static LinkSet Empty { get; } = new(new SortedDictionary<int, LinkSpec>());

    /// <summary>Builds a set, refusing duplicate numbers and duplicate addresses.</summary>
    /// <exception cref="LinkFormatException">A number or address occurs twice.</exception>
    public static LinkSet Create(IEnumerable<LinkSpec> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var set = Empty;
        foreach (var link in links)
        {
            set = set.Add(link);
        }

        return set;
    }

    /// <summary>Parses option name/value pairs such as <c>("link0", "10.0.0.1")</c> into a set.</summary>
    /// <exception cref="LinkFormatException">An option is invalid, or numbers or addresses repeat.</exception>
    public static LinkSet ParseOptions(IEnumerable<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Select(o => LinkSpecParser.ParseOption(o.Key, o.Value)));
    }

    /// <summary>Number of links.</summary>
    public int Count => _byNumber.Count;

    /// <summary>The link numbers in ascending order.</summary>
    public IEnumerable<int> Numbers => _byNumber.Keys;

    /// <summary>True when the set has a link with this number.</summary>
    public bool Contains(int number) => _byNumber.ContainsKey(number);

    /// <summary>The link with this number, or null.</summary>
    public LinkSpec? Find(int number) => _byNumber.GetValueOrDefault(number);

    /// <summary>A new set with <paramref name="link"/> added.</summary>
    /// <exception cref="LinkFormatException">The number or the address is already used.</exception>
    public LinkSet Add(LinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (_byNumber.ContainsKey(link.Number))
        {
            throw new LinkFormatException(link.OptionName, "link number is given more than once");
        }

        var key = LinkAddress.CanonicalKey(link.Address);
        var clash = _byNumber.Values.FirstOrDefault(l => LinkAddress.CanonicalKey(l.Address) == key);
        if (clash is not null)
        {
            throw new LinkFormatException(link.OptionName, $"address '{link.Address}' is already used by {clash.OptionName}");
        }

        var copy = new SortedDictionary<int, LinkSpec>(_byNumber) { [link.Number] = link };
        return new LinkSet(copy);
    }

    /// <summary>The links as option name/value pairs (<c>link0</c> =&gt; <c>10.0.0.1,priority=20</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToOptions() =>
        [.. _byNumber.Values.Select(l => KeyValuePair.Create(l.OptionName, l.ToOptionValue()))];

    /// <summary>The links as a command-line fragment, for example <c>--link0 10.0.0.1 --link1 10.1.0.1,priority=5</c>.</summary>
    public string ToCommandLine() =>
        string.Join(' ', _byNumber.Values.Select(l => $"--{l.OptionName} {l.ToOptionValue()}"));

    public IEnumerator<LinkSpec> GetEnumerator() => _byNumber.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

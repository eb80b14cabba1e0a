using System.Globalization;
using PveCluster.Core.Links;

namespace PveCluster.Gui.Forms;

/// <summary>
/// State and rules of the corosync link editor (Create Cluster, Join Cluster): at least one and at most eight
/// links, unique numbers 0..7, unique addresses chosen from this node's own, priorities 0..255. In passive
/// link mode knet sends over the usable link with the HIGHEST priority number.
/// </summary>
public sealed class LinkEditorModel
{
    private readonly List<LinkRow> _rows = [];

    /// <param name="localAddresses">The addresses configured on this node (from nodes/localhost/network).</param>
    /// <param name="numbersEditable">Create and manual join: numbers editable, rows added and removed.</param>
    public LinkEditorModel(IReadOnlyList<string> localAddresses, bool numbersEditable)
    {
        ArgumentNullException.ThrowIfNull(localAddresses);
        LocalAddresses = localAddresses;
        NumbersEditable = numbersEditable;
    }

    public IReadOnlyList<string> LocalAddresses { get; }

    public bool NumbersEditable { get; }

    public IReadOnlyList<LinkRow> Rows => _rows;

    public bool CanAdd => NumbersEditable && _rows.Count <= LinkSpec.MaxNumber;

    public bool CanRemove => NumbersEditable && _rows.Count > 1;

    /// <summary>Create's start: link 0 on the first local address.</summary>
    public static LinkEditorModel ForCreate(IReadOnlyList<string> localAddresses)
    {
        var model = new LinkEditorModel(localAddresses, numbersEditable: true);
        model.Add();
        return model;
    }

    /// <summary>Assisted join: one fixed row per cluster link, prefilled with the local address in the peer's subnet.</summary>
    public static LinkEditorModel ForJoin(IReadOnlyList<string> localAddresses, IReadOnlyList<string> localCidrs,
        IReadOnlyList<int> clusterLinks, IReadOnlyDictionary<int, string> peerLinks, bool allowBlankSingleLink)
    {
        ArgumentNullException.ThrowIfNull(clusterLinks);
        ArgumentNullException.ThrowIfNull(peerLinks);
        var model = new LinkEditorModel(localAddresses, numbersEditable: false);
        foreach (var number in clusterLinks)
        {
            var peer = peerLinks.GetValueOrDefault(number);
            model._rows.Add(new LinkRow
            {
                Number = number,
                PeerAddress = peer,
                Address = peer is null ? null : Subnets.LocalAddressReaching(localCidrs, peer),
                AllowBlank = allowBlankSingleLink && clusterLinks.Count == 1,
            });
        }

        return model;
    }

    /// <summary>Adds a row with the lowest free number and the first address no row uses yet.</summary>
    public void Add()
    {
        if (!CanAdd)
        {
            return;
        }

        var used = _rows.Select(r => r.Number).ToHashSet();
        var number = Enumerable.Range(LinkSpec.MinNumber, LinkSpec.MaxNumber + 1).First(n => !used.Contains(n));
        var address = LocalAddresses.FirstOrDefault(a => _rows.All(r => r.Address != a));
        _rows.Add(new LinkRow { Number = number, Address = address });
    }

    public void Remove(LinkRow row)
    {
        if (CanRemove)
        {
            _rows.Remove(row);
        }
    }

    public string? NumberError(LinkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Number is < LinkSpec.MinNumber or > LinkSpec.MaxNumber)
        {
            return $"Link number must be {LinkSpec.MinNumber}..{LinkSpec.MaxNumber}.";
        }

        return _rows.Count(r => r.Number == row.Number) > 1 ? "Duplicate link number not allowed." : null;
    }

    public string? AddressError(LinkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrWhiteSpace(row.Address))
        {
            return row.AllowBlank ? null : "An address is required.";
        }

        if (!LocalAddresses.Contains(row.Address))
        {
            return $"{row.Address} is not configured on this node.";
        }

        return _rows.Count(r => r.Address == row.Address) > 1 ? "Duplicate link address not allowed." : null;
    }

    public static string? PriorityError(LinkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Priority is < LinkSpec.MinPriority or > LinkSpec.MaxPriority
            ? $"Priority must be {LinkSpec.MinPriority}..{LinkSpec.MaxPriority}."
            : null;
    }

    public bool IsValid =>
        _rows.Count > 0 && _rows.All(r => NumberError(r) is null && AddressError(r) is null && PriorityError(r) is null);

    /// <summary>
    /// The link that carries the traffic in passive mode: the one with the highest priority number. Only known
    /// when every link has a priority and one is highest; null otherwise.
    /// </summary>
    public LinkRow? PreferredLink
    {
        get
        {
            if (_rows.Count < 2 || _rows.Any(r => r.Priority is null))
            {
                return null;
            }

            var top = _rows.Max(r => r.Priority!.Value);
            var best = _rows.Where(r => r.Priority == top).ToList();
            return best.Count == 1 ? best[0] : null;
        }
    }

    /// <summary>The request parameters: <c>linkN=ADDRESS[,priority=P]</c>; a blank allowed link is left out.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters() =>
        _rows.Where(r => !string.IsNullOrWhiteSpace(r.Address))
            .OrderBy(r => r.Number)
            .Select(r => new LinkSpec(r.Number, r.Address!.Trim(), r.Priority))
            .Select(spec => new KeyValuePair<string, string>(spec.OptionName, spec.ToOptionValue()));

    public static string Describe(LinkRow row) =>
        row.Priority is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"link {row.Number} (priority {p})")
            : string.Create(CultureInfo.InvariantCulture, $"link {row.Number}");
}

using System.Globalization;

namespace PveCluster.Core.Links;

/// <summary>One corosync (kronosnet) link of a node, as given by <c>--linkN ADDRESS[,priority=N]</c>.</summary>
/// <param name="Number">The knet link number, 0..7.</param>
/// <param name="Address">IP literal (recommended) or host name.</param>
/// <param name="Priority">
/// The <c>knet_link_priority</c>, 0..255, or null for the corosync default.
/// In <c>link_mode: passive</c> knet sends over the usable link with the <b>highest</b> priority
/// number. The Proxmox admin guide states the opposite (lower number preferred); that is wrong,
/// and the lab confirmed it: with link0=20 and link1=15 all traffic uses link0
/// (<c>best link: 0 (pri: 20)</c>, knet tx counters), as the corosync.conf man page says.
/// </param>
public sealed record LinkSpec(int Number, string Address, int? Priority = null)
{
    /// <summary>Lowest valid knet link number.</summary>
    public const int MinNumber = 0;

    /// <summary>Highest valid knet link number (knet supports 8 links).</summary>
    public const int MaxNumber = 7;

    /// <summary>Lowest valid <c>knet_link_priority</c>.</summary>
    public const int MinPriority = 0;

    /// <summary>Highest valid <c>knet_link_priority</c>.</summary>
    public const int MaxPriority = 255;

    /// <summary>
    /// The host name the admin entered when <see cref="Address"/> is what it resolved to: like Proxmox since 5.1,
    /// names are resolved at entry and only the IP is stored; the name is kept to show it in the plan.
    /// </summary>
    public string? EnteredHostName { get; init; }

    /// <summary>The address as the plan shows it: <c>10.0.0.1</c>, or <c>10.0.0.1 (resolved from 'n1-corosync')</c>.</summary>
    public string DisplayAddress => EnteredHostName is { } name ? $"{Address} (resolved from '{name}')" : Address;

    /// <summary>The option name for this link, for example <c>link1</c>.</summary>
    public string OptionName => OptionNameFor(Number);

    /// <summary>What kind of address <see cref="Address"/> is.</summary>
    public LinkAddressKind AddressKind =>
        LinkAddress.TryClassify(Address, out var kind, out _) ? kind : LinkAddressKind.HostName;

    /// <summary>True for IP literals; host names work but depend on name resolution at corosync start.</summary>
    public bool IsIpAddress => AddressKind != LinkAddressKind.HostName;

    /// <summary>The option value, for example <c>10.0.0.1,priority=20</c> (the address key is written bare).</summary>
    public string ToOptionValue() =>
        Priority is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{Address},priority={p}")
            : Address;

    /// <summary>The option name for link <paramref name="number"/>, for example <c>link1</c>.</summary>
    public static string OptionNameFor(int number) => string.Create(CultureInfo.InvariantCulture, $"link{number}");
}

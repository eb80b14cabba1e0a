namespace PveCluster.Core.Guests;

/// <summary>
/// What a guest config says about boot and shutdown: <c>onboot</c>, <c>startup</c> and <c>template</c> of its current
/// configuration (snapshot sections do not count). <see cref="Problems"/> names values that could not be read; like
/// Proxmox, such a value is ignored (an unreadable <c>onboot</c> is off, an unreadable <c>startup</c> has no order and
/// default delays).
/// </summary>
public sealed record GuestBootSettings(bool OnBoot, StartupOrder Startup, bool IsTemplate, IReadOnlyList<string> Problems);

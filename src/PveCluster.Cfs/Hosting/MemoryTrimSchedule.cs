namespace PveCluster.Cfs.Hosting;

/// <summary>
/// When to give memory back: once the tree has stopped changing after a burst of changes (one
/// quiet interval without a new version), and only once per burst, so an idle daemon never
/// collects again and a busy one waits for its pause.
/// </summary>
internal sealed class MemoryTrimSchedule(ulong startVersion)
{
    private ulong _lastSeen = startVersion;
    private ulong _trimmedAt = startVersion;

    /// <summary>Called once per interval with the current tree version; true when a trim is due now.</summary>
    public bool IsDue(ulong version)
    {
        if (version != _lastSeen)
        {
            _lastSeen = version;
            return false;
        }

        if (version == _trimmedAt)
        {
            return false;
        }

        _trimmedAt = version;
        return true;
    }
}

namespace PveCluster.Cfs.Views;

/// <summary>Whether debug logging is on; flipped at runtime through <c>.debug</c> or <c>-d</c>.</summary>
public sealed class DebugSwitch(bool enabled = false)
{
    private volatile bool _enabled = enabled;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }
}
